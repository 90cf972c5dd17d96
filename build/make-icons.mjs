// Renders resources/icons/icon.svg to the 1024 px PNG electron-builder turns into the .icns/.ico
// and Linux icon sizes. Run: node build/make-icons.mjs
import { readFile, writeFile } from 'node:fs/promises';
import { createCanvas, Image } from '@napi-rs/canvas';

const svg = await readFile(new URL('../resources/icons/icon.svg', import.meta.url));
const image = new Image();
image.src = svg;
const canvas = createCanvas(1024, 1024);
canvas.getContext('2d').drawImage(image, 0, 0, 1024, 1024);
await writeFile(new URL('../resources/icons/icon.png', import.meta.url), await canvas.encode('png'));
