#!/usr/bin/env node
// The `bantin` command: TypeScript runs through tsx, no build step.
import { register } from "tsx/esm/api";

register();
await import("./cli/main.ts");
