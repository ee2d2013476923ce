import type { Gathered } from './remote-dataset.js';

/** Everything a run read from its source, before it changes anything here. */
export interface GatheredCatalog {
  datasets: Gathered[];
  /**
   * Whether every dataset the source lists was seen. Only then does a dataset missing from the
   * listing mean it disappeared; otherwise nothing is withdrawn this time.
   */
  complete: boolean;
  /** What the run should say about how it read the source (in Chinese). */
  notes: string[];
}
