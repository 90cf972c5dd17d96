import type { DemoStep } from '../demo-step.js';
import { clipsStep } from './clips-step.js';
import { facesStep } from './faces-step.js';
import { momentsStep } from './moments-step.js';
import { sampleCommentsStep } from './sample-comments-step.js';
import { sampleVideoStep } from './sample-video-step.js';

/** Every capability `kirinuki demo` shows, in order; a step that makes the sample video goes first. */
export const DEMO_STEPS: DemoStep[] = [sampleVideoStep, sampleCommentsStep, momentsStep, clipsStep, facesStep];
