export type TrackStatus = 'uploaded' | 'analyzing' | 'analyzed' | 'failed';

export const TRACK_STATUSES: readonly TrackStatus[] = ['uploaded', 'analyzing', 'analyzed', 'failed'];

export interface Label {
  label: string;
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
  /** Not in the API yet: the similarity vector the library keeps. Used by the gallery when present. */
  embedding?: number[];
  genres?: Label[];
  moods?: Label[];
  instruments?: Label[];
  tags?: string[];
  /** Why the models make no genre, mood or instrument claim (silence, not music, unlike anything they know). */
  labelsUnknownReason?: string | null;
  description?: string | null;
  engineVersion?: string;
}

export interface Track {
  id: string;
  title: string;
  artist?: string | null;
  fileName: string;
  format: string;
  sizeBytes: number;
  status: TrackStatus;
  error?: string | null;
  createdAt: string;
  analyzedAt?: string | null;
  analysis?: Analysis | null;
}

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
  track: Track;
  score?: number;
  reasons: string[];
}

export interface CurrentUser {
  name: string;
}
