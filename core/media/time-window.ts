/** A time window in seconds of the source video. */
export interface TimeWindow {
  start: number;
  end: number;
}
