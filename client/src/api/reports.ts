// Reporting something to the instance's moderators.
import { api, type JsonBody, unwrap } from './client.js';

export type NewReport = JsonBody<'/api/v1/reports', 'post'>;
export type ReportReason = NewReport['reason'];
export type ReportKind = NewReport['kind'];

/** Files a report; one per person and item while it is open (409 `already_reported`). */
export const fileReport = (report: NewReport) => unwrap(api.POST('/api/v1/reports', { body: report }));
