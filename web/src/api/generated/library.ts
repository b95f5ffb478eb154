// Generated from web/openapi/library.json by web/openapi/generator/generate.mjs: do not edit.
// Refresh the documents and these types with scripts/refresh-api-types.sh.

export interface paths {
    "/api/v1/library/info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Describes the running library service. */
        get: operations["library-info"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audio": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The user's tracks as list rows: search (q), filters, sort (createdAt, tempoBpm, loudnessLufs, title, energy; '-' for descending) and paging.
         * @description The filter is the one `/api/v1/library/stats` and `/api/v1/library/map` take:
         *     `q` searches title, artist, album, file name and whole tags; `genre`, `mood`, `instrument`, `key` (e.g. `A minor`), `camelot` (e.g. `8A`),
         *     `bpmMin`/`bpmMax`, `energyMin`/`energyMax` and `status` (uploaded, analyzing, analyzed, failed) filter;
         *     `page` from 1, `pageSize` 1 to 100 (20 by default). Example: `/api/v1/audio?genre=techno&bpmMin=120&sort=-energy`.
         *     Items are summaries; `GET /api/v1/audio/{trackId}` has the full analysis.
         *     Invalid values are a 400 validation problem naming each field.
         */
        get: operations["ListTracks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audio/{trackId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One track with its full analysis.
         * @description `status` goes uploaded → analyzing → analyzed (with `analysis`) or failed (with `error`). Another user's track is 404.
         */
        get: operations["GetTrack"];
        put?: never;
        post?: never;
        /**
         * Deletes the track, its audio and everything derived from it.
         * @description 204 once deleted. 404 for a track that does not exist, another user's, or one already deleted: one answer for all three, so an id tells nothing about anyone else's library.
         */
        delete: operations["DeleteTrack"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audio/{trackId}/similar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The user's tracks most like this one (cosine of the similarity embeddings), best first, each with its score and the reasons.
         * @description `limit` 1 to 50 (10 by default). Reasons read like "same key family (8A and 9A)" or "tempo within 3 %". 409 while the track has no embedding yet.
         */
        get: operations["SimilarTracks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audio/analyze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Analyses a track again (e.g. after a model update).
         * @description Body: `{ "trackId": "..." }`. 202 with the track; 409 while it is still being uploaded or analysed.
         */
        post: operations["ReanalyzeTrack"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/library/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Counts by status, tempo histogram, key wheel, loudness, energy, danceability and valence spreads, genre and mood counts.
         * @description Takes the same filter as `GET /api/v1/audio` (`q`, `genre`, `mood`, `instrument`, `key`, `camelot`, `bpmMin`/`bpmMax`,
         *     `energyMin`/`energyMax`, `status`). Charts cover the analysed tracks among the matches; counts and sizes cover all of them.
         *     Tempo bins are 10 BPM from 60 to 200 (values beyond count at the edges); loudness bins 1 LU from −30 to −4 LUFS, silence left out.
         *     Genres and moods count each track's most confident label.
         */
        get: operations["LibraryStatistics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/library/map": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The similarity map: each analysed track's place in two dimensions (0..1), nearby tracks sounding alike.
         * @description The first two principal components of the similarity embeddings of the tracks the filter matches, over the
         *     embeddings of the newest analysis's model version only. `limit` 1 to 5000 (2000
         *     by default) places the newest tracks; `truncated` says when there were more.
         */
        get: operations["LibraryMap"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AnalysisSummaryDto: {
            /** Format: double */
            durationSeconds: null | number;
            /** Format: double */
            tempoBpm: null | number;
            /** Format: double */
            tempoConfidence: null | number;
            /** Format: double */
            tempoAlternativeBpm: null | number;
            tempoAmbiguous: boolean;
            tempoMissingReason: null | string;
            timeSignature: null | string;
            key: null | string;
            /** Format: double */
            keyConfidence: null | number;
            camelot: null | string;
            keyMissingReason: null | string;
            /** Format: double */
            loudnessLufs: null | number;
            /** Format: double */
            energy: null | number;
            /** Format: double */
            danceability: null | number;
            /** Format: double */
            valence: null | number;
            genres: components["schemas"]["LabelScore"][];
            moods: components["schemas"]["LabelScore"][];
            instruments: components["schemas"]["LabelScore"][];
            topGenre: null | string;
            topMood: null | string;
            tags: string[];
            description: null | string;
            labelsUnknownReason: null | string;
            modelVersion: null | string;
            engineVersion: string;
        };
        AnalyzeRequest: {
            /** Format: uuid */
            trackId: null | string;
        };
        HistogramBin: {
            /** Format: double */
            from: number;
            /** Format: double */
            to: number;
            /** Format: int32 */
            count: number;
        };
        HttpValidationProblemDetails: {
            type?: null | string;
            title?: null | string;
            /** Format: int32 */
            status?: null | number;
            detail?: null | string;
            instance?: null | string;
            errors?: {
                [key: string]: string[];
            };
        };
        KeyCount: {
            camelot: string;
            /** Format: int32 */
            count: number;
        };
        LabelScore: {
            name?: string;
            /** Format: double */
            confidence?: number;
        };
        LibraryStatistics: {
            /** Format: int32 */
            totalCount: number;
            statuses: components["schemas"]["StatusCounts"];
            /** Format: double */
            totalDurationSeconds: number;
            /** Format: int64 */
            totalSizeBytes: number;
            tempo: components["schemas"]["HistogramBin"][];
            /** Format: int32 */
            withoutTempo: number;
            keys: components["schemas"]["KeyCount"][];
            loudness: null | components["schemas"]["Spread"];
            loudnessHistogram: components["schemas"]["HistogramBin"][];
            energy: null | components["schemas"]["Spread"];
            danceability: null | components["schemas"]["Spread"];
            valence: null | components["schemas"]["Spread"];
            genres: components["schemas"]["NameCount"][];
            moods: components["schemas"]["NameCount"][];
        };
        MapPoint: {
            /** Format: uuid */
            id: string;
            /** Format: double */
            x: number;
            /** Format: double */
            y: number;
            title: string;
            artist: null | string;
            genre: null | string;
            mood: null | string;
            camelot: null | string;
            /** Format: double */
            tempoBpm: null | number;
            /** Format: double */
            durationSeconds: null | number;
        };
        NameCount: {
            name: string;
            /** Format: int32 */
            count: number;
        };
        PagedListOfTrackSummaryDto: {
            items: components["schemas"]["TrackSummaryDto"][];
            /** Format: int32 */
            page: number;
            /** Format: int32 */
            pageSize: number;
            /** Format: int64 */
            totalCount: number;
        };
        ProblemDetails: {
            type?: null | string;
            title?: null | string;
            /** Format: int32 */
            status?: null | number;
            detail?: null | string;
            instance?: null | string;
        };
        ServiceInfo: {
            service: string;
            version: string;
            mode: string;
            instance: string;
            /** Format: date-time */
            startedAt: string;
        };
        SimilarTrackDto: {
            track: components["schemas"]["TrackSummaryDto"];
            /** Format: double */
            score: number;
            reasons: string[];
        };
        SimilarTracksDto: {
            /** Format: uuid */
            trackId: string;
            items: components["schemas"]["SimilarTrackDto"][];
        };
        SimilarityMapResult: {
            modelVersion: null | string;
            /** Format: int32 */
            trackCount: number;
            truncated: boolean;
            points: components["schemas"]["MapPoint"][];
        };
        Spread: {
            /** Format: int32 */
            count: number;
            /** Format: double */
            min: number;
            /** Format: double */
            p10: number;
            /** Format: double */
            q1: number;
            /** Format: double */
            median: number;
            /** Format: double */
            q3: number;
            /** Format: double */
            p90: number;
            /** Format: double */
            max: number;
            /** Format: double */
            mean: number;
        };
        StatusCounts: {
            /** Format: int32 */
            uploaded: number;
            /** Format: int32 */
            analyzing: number;
            /** Format: int32 */
            analyzed: number;
            /** Format: int32 */
            failed: number;
        };
        TrackAnalysis: {
            /** Format: double */
            durationSeconds?: null | number;
            /** Format: double */
            tempoBpm?: null | number;
            /** Format: double */
            tempoConfidence?: null | number;
            /** Format: double */
            tempoAlternativeBpm?: null | number;
            /** Format: double */
            tempoAlternativeConfidence?: null | number;
            tempoAmbiguous?: boolean;
            tempoMissingReason?: null | string;
            /** Format: double */
            pulseClarity?: null | number;
            beatTimes?: number[];
            timeSignature?: null | string;
            /** Format: double */
            timeSignatureConfidence?: null | number;
            /** Format: double */
            onsetRate?: null | number;
            key?: null | string;
            keyMode?: null | string;
            /** Format: double */
            keyConfidence?: null | number;
            keyRunnerUp?: null | string;
            /** Format: double */
            keyRunnerUpConfidence?: null | number;
            camelot?: null | string;
            keyMissingReason?: null | string;
            keyPitchProfile?: number[];
            keyBassProfile?: number[];
            /** Format: double */
            loudnessLufs?: null | number;
            /** Format: double */
            loudnessRangeLu?: null | number;
            /** Format: double */
            truePeakDbtp?: null | number;
            /** Format: double */
            samplePeakDbfs?: null | number;
            /** Format: double */
            rmsDbfs?: null | number;
            /** Format: double */
            energy?: null | number;
            /** Format: double */
            danceability?: null | number;
            /** Format: double */
            valence?: null | number;
            /** Format: double */
            spectralCentroidHz?: null | number;
            /** Format: double */
            spectralCentroidStdHz?: null | number;
            /** Format: double */
            spectralRolloffHz?: null | number;
            /** Format: double */
            spectralRolloffStdHz?: null | number;
            /** Format: double */
            spectralFlatness?: null | number;
            /** Format: double */
            spectralFlatnessStd?: null | number;
            /** Format: double */
            zeroCrossingRate?: null | number;
            /** Format: double */
            zeroCrossingRateStd?: null | number;
            mfccMean?: number[];
            mfccStd?: number[];
            chromaMean?: number[];
            chromaStd?: number[];
            bandShareMeanDb?: number[];
            bandShareStdDb?: number[];
            bandContrastDb?: number[];
            featureVector?: number[];
            genres?: components["schemas"]["LabelScore"][];
            moods?: components["schemas"]["LabelScore"][];
            instruments?: components["schemas"]["LabelScore"][];
            topGenre?: null | string;
            topMood?: null | string;
            tags?: string[];
            description?: null | string;
            labelsUnknownReason?: null | string;
            classificationError?: null | string;
            embedding?: number[];
            engineVersion?: string;
            modelVersion?: null | string;
        };
        TrackDto: {
            /** Format: uuid */
            id: string;
            title: string;
            artist: null | string;
            album: null | string;
            fileName: string;
            format: string;
            /** Format: int64 */
            sizeBytes: number;
            status: string;
            error: null | string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            analyzedAt: null | string;
            analysis: null | components["schemas"]["TrackAnalysis"];
        };
        TrackSummaryDto: {
            /** Format: uuid */
            id: string;
            title: string;
            artist: null | string;
            album: null | string;
            fileName: string;
            format: string;
            /** Format: int64 */
            sizeBytes: number;
            status: string;
            error: null | string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            analyzedAt: null | string;
            analysis: null | components["schemas"]["AnalysisSummaryDto"];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    "library-info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceInfo"];
                };
            };
        };
    };
    ListTracks: {
        parameters: {
            query?: {
                /** @description createdAt, tempoBpm, loudnessLufs, title or energy; '-' in front for descending. Newest first by default. */
                sort?: string;
                /** @description From 1. */
                page?: number;
                /** @description 1 to 100; 20 by default. */
                pageSize?: number;
                /** @description Free text: part of the title, artist, album or file name, or a whole tag. */
                q?: string;
                /** @description A genre name, e.g. techno (any case). */
                genre?: string;
                /** @description A mood name, e.g. energetic (any case). */
                mood?: string;
                /** @description An instrument name, e.g. piano (any case). */
                instrument?: string;
                /** @description A key as the analysis names it, e.g. A minor. */
                key?: string;
                /** @description A Camelot code, e.g. 8A (any case). */
                camelot?: string;
                /** @description Lowest tempo in BPM (inclusive). */
                bpmMin?: number;
                /** @description Highest tempo in BPM (inclusive). */
                bpmMax?: number;
                /** @description Lowest energy, 0..1 (inclusive). */
                energyMin?: number;
                /** @description Highest energy, 0..1 (inclusive). */
                energyMax?: number;
                /** @description uploaded, analyzing, analyzed or failed. */
                status?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PagedListOfTrackSummaryDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["HttpValidationProblemDetails"];
                };
            };
            /** @description No valid access token or session (problem details). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type?: null | string;
                        title?: null | string;
                        /** Format: int32 */
                        status?: null | number;
                        detail?: null | string;
                        instance?: null | string;
                    };
                };
            };
        };
    };
    GetTrack: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                trackId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrackDto"];
                };
            };
            /** @description No valid access token or session (problem details). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type?: null | string;
                        title?: null | string;
                        /** Format: int32 */
                        status?: null | number;
                        detail?: null | string;
                        instance?: null | string;
                    };
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    DeleteTrack: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                trackId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid access token or session (problem details). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type?: null | string;
                        title?: null | string;
                        /** Format: int32 */
                        status?: null | number;
                        detail?: null | string;
                        instance?: null | string;
                    };
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    SimilarTracks: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                trackId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SimilarTracksDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["HttpValidationProblemDetails"];
                };
            };
            /** @description No valid access token or session (problem details). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type?: null | string;
                        title?: null | string;
                        /** Format: int32 */
                        status?: null | number;
                        detail?: null | string;
                        instance?: null | string;
                    };
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ReanalyzeTrack: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AnalyzeRequest"];
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrackDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["HttpValidationProblemDetails"];
                };
            };
            /** @description No valid access token or session (problem details). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type?: null | string;
                        title?: null | string;
                        /** Format: int32 */
                        status?: null | number;
                        detail?: null | string;
                        instance?: null | string;
                    };
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    LibraryStatistics: {
        parameters: {
            query?: {
                /** @description Free text: part of the title, artist, album or file name, or a whole tag. */
                q?: string;
                /** @description A genre name, e.g. techno (any case). */
                genre?: string;
                /** @description A mood name, e.g. energetic (any case). */
                mood?: string;
                /** @description An instrument name, e.g. piano (any case). */
                instrument?: string;
                /** @description A key as the analysis names it, e.g. A minor. */
                key?: string;
                /** @description A Camelot code, e.g. 8A (any case). */
                camelot?: string;
                /** @description Lowest tempo in BPM (inclusive). */
                bpmMin?: number;
                /** @description Highest tempo in BPM (inclusive). */
                bpmMax?: number;
                /** @description Lowest energy, 0..1 (inclusive). */
                energyMin?: number;
                /** @description Highest energy, 0..1 (inclusive). */
                energyMax?: number;
                /** @description uploaded, analyzing, analyzed or failed. */
                status?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LibraryStatistics"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["HttpValidationProblemDetails"];
                };
            };
            /** @description No valid access token or session (problem details). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type?: null | string;
                        title?: null | string;
                        /** Format: int32 */
                        status?: null | number;
                        detail?: null | string;
                        instance?: null | string;
                    };
                };
            };
        };
    };
    LibraryMap: {
        parameters: {
            query?: {
                /** @description Free text: part of the title, artist, album or file name, or a whole tag. */
                q?: string;
                /** @description A genre name, e.g. techno (any case). */
                genre?: string;
                /** @description A mood name, e.g. energetic (any case). */
                mood?: string;
                /** @description An instrument name, e.g. piano (any case). */
                instrument?: string;
                /** @description A key as the analysis names it, e.g. A minor. */
                key?: string;
                /** @description A Camelot code, e.g. 8A (any case). */
                camelot?: string;
                /** @description Lowest tempo in BPM (inclusive). */
                bpmMin?: number;
                /** @description Highest tempo in BPM (inclusive). */
                bpmMax?: number;
                /** @description Lowest energy, 0..1 (inclusive). */
                energyMin?: number;
                /** @description Highest energy, 0..1 (inclusive). */
                energyMax?: number;
                /** @description uploaded, analyzing, analyzed or failed. */
                status?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SimilarityMapResult"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["HttpValidationProblemDetails"];
                };
            };
            /** @description No valid access token or session (problem details). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type?: null | string;
                        title?: null | string;
                        /** Format: int32 */
                        status?: null | number;
                        detail?: null | string;
                        instance?: null | string;
                    };
                };
            };
        };
    };
}
