import type { FaceSettings } from '../faces/face-options.js';

/**
 * The face settings of a reframe: the face stage's defaults, without the looks for small faces
 * (~20–64 px at analysis size): the magnified tiles where the picture changed and the finer
 * pass at each shot's first frame. A portrait camera does not frame a face that small; the
 * full-frame passes still find anyone bigger walking in, and a shot that starts with no face
 * big enough for them still gets the SSD look for small ones. (3 fps and rarer discovery passes
 * were tried too and left ghost tracks on a face crossing the frame, which costs the camera
 * more than the seconds saved.)
 */
export const REFRAME_FACE_SETTINGS: FaceSettings = { scanEvery: 0, fineCuts: false };
