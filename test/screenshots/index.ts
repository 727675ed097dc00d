// The screenshot script runs with the same mocha runner as the integration tests.
export { run } from '../integration/index';
