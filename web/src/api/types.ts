/**
 * The API's shapes as the web app uses them: aliases of the types generated from the services' OpenAPI documents
 * (src/api/generated/, refreshed by scripts/refresh-api-types.sh), so a change of an endpoint's shape fails the type
 * check here instead of a page at run time. Written by hand only where the documents do not describe the shape yet
 * (each says why).
 */
import type { components as gateway } from './generated/gateway';
import type { components as identity } from './generated/identity';
import type { components as ingest } from './generated/ingest';
import type { components as library, operations as libraryOperations } from './generated/library';

type LibrarySchemas = library['schemas'];

/** The statuses the Library documents as a string; the pages switch over these four. */
export type TrackStatus = 'uploaded' | 'analyzing' | 'analyzed' | 'failed';

export const TRACK_STATUSES: readonly TrackStatus[] = ['uploaded', 'analyzing', 'analyzed', 'failed'];

export interface Label {
  label: string;
  confidence: number;
}

/**
 * The analysis document. The Library documents it as an opaque JSON value (TrackDto.analysis), so its fields are
 * written here, as the engine names them; every field may be missing.
 */
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
  /** The similarity vector the library keeps, when a response carries it; the gallery uses it when present. */
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

/** GET /api/v1/audio/{id}: the Library's TrackDto, its status narrowed and its analysis typed as above. */
export type Track = Omit<LibrarySchemas['TrackDto'], 'status' | 'analysis'> & {
  status: TrackStatus;
  analysis: Analysis | null;
};

/** GET /api/v1/audio: one page of tracks (the Library's PagedList). */
export type Page<T> = Omit<LibrarySchemas['PagedListOfTrackDto'], 'items'> & { items: T[] };

/** The query parameters of GET /api/v1/audio, named as the Library documents them. */
export type TrackListQuery = NonNullable<libraryOperations['ListTracks']['parameters']['query']>;

/** GET /api/v1/audio/{id}/similar: one neighbour with its score and the reasons in words. */
export type SimilarTrack = Omit<LibrarySchemas['SimilarTrackDto'], 'track'> & { track: Track };

export type SimilarTracks = Omit<LibrarySchemas['SimilarTracksDto'], 'items'> & { items: SimilarTrack[] };

/** What POST /api/v1/audio/upload answers for each accepted file (Ingest's UploadedTrack). */
export type UploadedTrack = Omit<ingest['schemas']['UploadedTrack'], 'status'> & { status: TrackStatus };

/**
 * RFC 9457 problem details as the services send them: the documented fields plus the extensions the platform adds
 * (validation errors per field; the refused file's name on an upload).
 */
export type ProblemDetails = Partial<identity['schemas']['HttpValidationProblemDetails']> & {
  fileName?: string;
};

/**
 * GET /api/v1/audio/{id}/waveform: the peaks the analysis writes. Ingest serves the stored file as it is and
 * documents no schema for it, so the shape is written here.
 */
export interface Waveform {
  min: number[];
  max: number[];
  secondsPerPoint: number;
}

/** GET /api/v1/auth/me: the signed-in user, as Identity answers it (through the Gateway's session). */
export type CurrentUser = identity['schemas']['UserDto'];

/** GET /api/v1/status. */
export type PlatformStatus = gateway['schemas']['PlatformStatus'];
