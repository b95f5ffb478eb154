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

/** The one label shape of the API: a name and the models' calibrated confidence (0..1). */
export type Label = Required<LibrarySchemas['LabelScore']>;

type WithLabels<T> = Omit<T, 'genres' | 'moods' | 'instruments'> & { genres?: Label[]; moods?: Label[]; instruments?: Label[] };

/** GET /api/v1/audio/{id}: the full analysis, as the Library stores it in typed fields. */
export type Analysis = Partial<WithLabels<LibrarySchemas['TrackAnalysis']>>;

/** What a list row carries of an analysis (GET /api/v1/audio); the detail has the whole Analysis. */
export type AnalysisSummary = Partial<WithLabels<LibrarySchemas['AnalysisSummaryDto']>>;

/** GET /api/v1/audio/{id}: the Library's TrackDto, its status narrowed. */
export type Track = Omit<LibrarySchemas['TrackDto'], 'status' | 'analysis'> & {
  status: TrackStatus;
  analysis: Analysis | null;
};

/** A list row (GET /api/v1/audio): the Library's TrackSummaryDto, its status narrowed. */
export type TrackSummary = Omit<LibrarySchemas['TrackSummaryDto'], 'status' | 'analysis'> & {
  status: TrackStatus;
  analysis: AnalysisSummary | null;
};

/**
 * The owner's values over the analysis's (each with `source` user or preference, `setAt` and the `analysisValue` it
 * replaces); the track's `analysis` already holds the effective values.
 */
export type TrackCorrections = LibrarySchemas['TrackCorrections'];

/** PUT /api/v1/audio/{id}/corrections: each value given is set, the others stay. */
export type CorrectionRequest = LibrarySchemas['CorrectionRequest'];

/**
 * One facet (genre or mood) learned from the owner's corrections of their other tracks: `name` with its `confidence` and
 * `runnerUp`, or `notSure` with the reason; `corrected` when the owner set this track's value (then `name` is theirs).
 */
export type LearnedLabel = LibrarySchemas['LearnedLabel'];

/** The corrected fields, as DELETE /api/v1/audio/{id}/corrections/{field} names them. */
export type CorrectedField = keyof TrackCorrections;

/** GET /api/v1/audio: one page of list rows (the Library's PagedList). */
export type Page<T> = Omit<LibrarySchemas['PagedListOfTrackSummaryDto'], 'items'> & { items: T[] };

/** The query parameters of GET /api/v1/audio, named as the Library documents them. */
export type TrackListQuery = NonNullable<libraryOperations['ListTracks']['parameters']['query']>;

/** GET /api/v1/audio/{id}: another of the user's tracks that is the same recording (by audio fingerprint). */
export type SameRecording = LibrarySchemas['SameRecordingDto'];

/** GET /api/v1/library/duplicates: the user's recordings held more than once, each group oldest upload first. */
export type DuplicateGroups = LibrarySchemas['DuplicateGroupsDto'];
/** Where the user's newest bulk re-analysis stands. */
export type Reanalysis = LibrarySchemas['ReanalysisDto'];

export type DuplicateGroup = LibrarySchemas['DuplicateGroupDto'];

export type DuplicateTrack = LibrarySchemas['DuplicateTrackDto'];

/** GET /api/v1/audio/{id}/similar: one neighbour with its score and the reasons in words. */
export type SimilarTrack = Omit<LibrarySchemas['SimilarTrackDto'], 'track'> & { track: TrackSummary };

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

/** GET /api/v1/library/stats: the Dashboard's figures, computed on the server over the tracks a filter selects. */
export type LibraryStatistics = LibrarySchemas['LibraryStatistics'];
export type HistogramBin = LibrarySchemas['HistogramBin'];
export type Spread = LibrarySchemas['Spread'];
export type NameCount = LibrarySchemas['NameCount'];

/** GET /api/v1/library/map: each analysed track placed in 0..1 × 0..1 by the server (PCA of the similarity embeddings). */
export type LibraryMap = LibrarySchemas['SimilarityMapResult'];
export type MapPoint = LibrarySchemas['MapPoint'];

/** GET /api/v1/audio/{id}/next: a track that can follow, with the key move, tempo match, energy change and the words. */
export type NextTrack = Omit<LibrarySchemas['NextTrackDto'], 'track'> & { track: TrackSummary };

/** The query of GET /api/v1/audio/{id}/next, as the Library documents it. */
export type NextTracksQuery = NonNullable<libraryOperations['NextTracks']['parameters']['query']>;

/** POST /api/v1/library/sets: the body (every field nullable; null takes the server's default). */
export type OrderSetRequest = LibrarySchemas['OrderSetRequest'];

/** One step of an ordered set: the track, the energy the shape wanted there, and how it follows the step before. */
export type SetStep = Omit<LibrarySchemas['SetStepDto'], 'track'> & { track: TrackSummary };
export type SetTransition = LibrarySchemas['SetTransitionDto'];
export type SetPlan = Omit<LibrarySchemas['SetPlanDto'], 'steps'> & { steps: SetStep[] };

/** GET /api/v1/audio/{id}/mix: one track of an instant mix and its mean similarity to the seed. */
export type MixItem = Omit<LibrarySchemas['MixItemDto'], 'track'> & { track: TrackSummary };

/** GET /api/v1/library/path: one step from A (progress 0) to B (progress 1). */
export type PathStep = Omit<LibrarySchemas['PathStepDto'], 'track'> & { track: TrackSummary };

/** GET /api/v1/library/playlists: a smart playlist (a saved filter) with the number of tracks it matches now. */
export type Playlist = LibrarySchemas['PlaylistDto'];

/** A smart playlist's saved filter: the list's filter names (the Library's TrackFilter). */
export type PlaylistFilter = LibrarySchemas['TrackFilter'];

/** POST /api/v1/audio/stream-links: signed, expiring stream links a media player opens without the session. */
export type StreamLinks = ingest['schemas']['StreamLinks'];
