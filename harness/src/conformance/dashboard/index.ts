/**
 * The live dashboard of `fiks-conformance run --dashboard`: a page on 127.0.0.1 that shows the run
 * as it goes over a WebSocket and ends on the content of `report.html`.
 */
export type { DashboardBatch, DashboardMessage, LiveCounts } from './dashboard-messages.js';
export { DASHBOARD_CSP, dashboardPage } from './dashboard-page.js';
export { DashboardServer } from './dashboard-server.js';
export { KEPT_STEP_EVENTS, LiveRun } from './live-run.js';
