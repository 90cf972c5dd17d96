#!/usr/bin/env node
import { main } from '../dist/core/cli/main.js';

await main(process.argv);
