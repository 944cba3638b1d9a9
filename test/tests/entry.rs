//! The single integration-test binary of the workspace's end-to-end tests (every test
//! binary links all of static MLIR, so they share one).

mod e2e;
