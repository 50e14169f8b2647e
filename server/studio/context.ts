import type { Logger } from 'pino';
import type { Catalog } from '../engine/catalog.ts';
import type { Sessions } from '../auth/sessions.ts';
import type { ImpactServices } from '../simulation/impact.ts';
import type { Store } from '../store/store.ts';
import type { UploadLimits } from '../http/upload-guard.ts';
import type { CompileService } from './compile-service.ts';
import type { VersionSink } from './publishing.ts';
import type { RequestValidators } from './requests.ts';

/** What every studio router receives from createApp. */
export interface StudioContext {
  store: Store;
  catalog: Catalog;
  runtime: VersionSink; // the channel runtime registry
  logger: Logger;
  clock: () => Date;
  sessions: Sessions;
  compiler: CompileService;
  validators: RequestValidators;
  examplesDir: string;
  impact?: ImpactServices; // portfolios, simulations and reports (files under the data directory); absent without one
  uploadLimits: UploadLimits;
  maxRunningSimulations: number; // simulations started through POST /products/:id/simulations while this many run in this process → 429 (SIMULATION_MAX_RUNNING) // what bounds a portfolio upload (PORTFOLIO_MAX_BYTES, PORTFOLIO_UPLOAD_IDLE_MS)
}
