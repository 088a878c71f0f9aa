import { project } from '../../vitest.shared.js';

export default project({ test: { name: 'worker', testTimeout: 180_000, hookTimeout: 180_000 } });
