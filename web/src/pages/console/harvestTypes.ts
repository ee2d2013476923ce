/** 目录采集 as the API answers it (src/modules/harvest). */
export interface HarvestCounts {
  created: number;
  updated: number;
  restored: number;
  withdrawn: number;
  unchanged: number;
  failed: number;
}

export interface HarvestRun {
  id: string;
  jobId: string;
  trigger: 'schedule' | 'manual';
  status: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  counts: HarvestCounts;
  message: string | null;
  errors: { remoteId: string; title: string; message: string }[];
}

export interface HarvestSource {
  id: string;
  name: string;
  kind: 'ckan' | 'dcat';
  url: string;
  department: { id: string; name: string };
  schedule: string;
  status: 'active' | 'paused';
  nextRunAt: string | null;
  lastRun: HarvestRun | null;
}

export interface HarvestSourceDetail extends HarvestSource {
  publishedEntries: number;
  runs: HarvestRun[];
}
