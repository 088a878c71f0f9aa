import { ensureWebBuild } from './build.js';

/**
 * Builds services/web/dist once, before any test file of this project starts. Each e2e file also calls
 * ensureWebBuild (a no-op once fresh), but two files checking at once on a machine that runs files in
 * parallel would both build, and vite empties dist/ under the other file's API while it serves the app.
 */
export default function setup(): void {
  ensureWebBuild();
}
