import type { Moment } from '../moments/types.js';

export interface ReportPerson {
  id: string;
  name?: string;
  totalS: number;
  /** Path relative to the projects root, or a data: URI. */
  thumbnail?: string;
}

export interface ReportClip {
  /** Path relative to the projects root. */
  path: string;
  moment: number;
  person?: string | null;
  durationS: number;
}

export interface ReportVideo {
  id: string;
  title: string;
  status: string;
  error?: { code: string; message: string };
  reason?: string;
  durationS?: number;
  moments: Moment[];
  people: ReportPerson[];
  clips: ReportClip[];
}

/** Everything report.html shows, gathered from channel.json and each project.json. */
export interface ReportData {
  channel: { id: string; title: string };
  generatedAt: string;
  quota?: { units: number; requests: number };
  /** Why the last run stopped early, when it did. */
  stopped?: { code: string; message: string };
  videos: ReportVideo[];
}
