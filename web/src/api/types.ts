export type TrackStatus = 'uploaded' | 'analyzing' | 'analyzed' | 'failed';

export const TRACK_STATUSES: readonly TrackStatus[] = ['uploaded', 'analyzing', 'analyzed', 'failed'];

/** The one label shape of the API: a name and the models' calibrated confidence (0..1). */
export interface Label {
  name: string;
  confidence: number;
}

/** The engine's document (camelCase) plus what the library keeps beside it. Every field may be missing. */
export interface Analysis {
  durationSeconds?: number;
  /** null or 0 when the analysis found no beat. */
  tempoBpm?: number | null;
  tempoConfidence?: number;
  tempoAlternativeBpm?: number | null;
  tempoAlternativeConfidence?: number;
  /** The alternative level is nearly as likely: show both ("120 or 240 BPM"). */
  tempoAmbiguous?: boolean;
  /** Why there is no tempo (silence, no steady pulse, too short). */
  tempoMissingReason?: string | null;
  beatTimes?: number[];
  timeSignature?: string;
  timeSignatureConfidence?: number;
  onsetRate?: number;
  key?: string | null;
  keyMode?: string;
  keyConfidence?: number;
  keyRunnerUp?: string | null;
  keyRunnerUpConfidence?: number;
  camelot?: string | null;
  /** Why there is no key (silence, a single pitch, noise). */
  keyMissingReason?: string | null;
  loudnessLufs?: number;
  loudnessRangeLu?: number;
  truePeakDbtp?: number;
  samplePeakDbfs?: number;
  rmsDbfs?: number;
  energy?: number;
  danceability?: number;
  valence?: number;
  spectralCentroidHz?: number;
  spectralRolloffHz?: number;
  spectralFlatness?: number;
  zeroCrossingRate?: number;
  mfccMean?: number[];
  chromaMean?: number[];
  featureVector?: number[];
  /** The similarity vector the library keeps (detail only). */
  embedding?: number[];
  genres?: Label[];
  moods?: Label[];
  instruments?: Label[];
  tags?: string[];
  /** The most confident genre and mood names (null when the models claim none). */
  topGenre?: string | null;
  topMood?: string | null;
  /** Why the models make no genre, mood or instrument claim (silence, not music, unlike anything they know). */
  labelsUnknownReason?: string | null;
  description?: string | null;
  modelVersion?: string | null;
  engineVersion?: string;
}

/** What a list row carries of an analysis (GET /api/v1/audio); the detail (GET /api/v1/audio/{id}) has the whole Analysis. */
export type AnalysisSummary = Pick<Analysis,
  | 'durationSeconds' | 'tempoBpm' | 'tempoConfidence' | 'tempoAlternativeBpm' | 'tempoAmbiguous' | 'tempoMissingReason'
  | 'timeSignature' | 'key' | 'keyConfidence' | 'camelot' | 'keyMissingReason' | 'loudnessLufs' | 'energy' | 'danceability' | 'valence'
  | 'genres' | 'moods' | 'instruments' | 'topGenre' | 'topMood' | 'tags' | 'description' | 'labelsUnknownReason' | 'modelVersion' | 'engineVersion'>;

export interface Track {
  id: string;
  title: string;
  artist?: string | null;
  album?: string | null;
  fileName: string;
  format: string;
  sizeBytes: number;
  status: TrackStatus;
  error?: string | null;
  createdAt: string;
  analyzedAt?: string | null;
  analysis?: Analysis | null;
}

/** A list row: the track with its analysis summary. */
export type TrackSummary = Omit<Track, 'analysis'> & { analysis?: AnalysisSummary | null };

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  totalCount: number;
}

/** What POST /api/v1/audio/upload answers for each accepted file. */
export interface UploadedTrack {
  id: string;
  fileName: string;
  format: string;
  sizeBytes: number;
  title: string;
  artist?: string | null;
  status: TrackStatus;
  createdAt: string;
}

/** RFC 9457 problem details as the services send them. */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[]>;
  fileName?: string;
}

export interface Waveform {
  min: number[];
  max: number[];
  secondsPerPoint: number;
}

export interface SimilarTrack {
  track: TrackSummary;
  score?: number;
  reasons: string[];
}

export interface CurrentUser {
  name: string;
}

/** GET /api/v1/library/stats: the Dashboard's figures, computed on the server over the tracks a filter selects. */
export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

export interface Spread {
  count: number;
  min: number;
  p10: number;
  q1: number;
  median: number;
  q3: number;
  p90: number;
  max: number;
  mean: number;
}

export interface NameCount {
  name: string;
  count: number;
}

export interface LibraryStatistics {
  totalCount: number;
  statuses: Record<TrackStatus, number>;
  totalDurationSeconds: number;
  totalSizeBytes: number;
  /** 10 BPM bins from 60 to 200; tempos beyond count at the edges. */
  tempo: HistogramBin[];
  withoutTempo: number;
  /** All 24 Camelot codes. */
  keys: { camelot: string; count: number }[];
  loudness?: Spread | null;
  /** 1 LU bins from −30 to −4 LUFS. */
  loudnessHistogram: HistogramBin[];
  energy?: Spread | null;
  danceability?: Spread | null;
  valence?: Spread | null;
  genres: NameCount[];
  moods: NameCount[];
}

/** GET /api/v1/library/map: each analysed track placed in 0..1 × 0..1 by the server (PCA of the similarity embeddings). */
export interface MapPoint {
  id: string;
  x: number;
  y: number;
  title: string;
  artist?: string | null;
  genre?: string | null;
  mood?: string | null;
  camelot?: string | null;
  tempoBpm?: number | null;
  durationSeconds?: number | null;
}

export interface LibraryMap {
  modelVersion?: string | null;
  trackCount: number;
  truncated: boolean;
  points: MapPoint[];
}
