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
         * The user's tracks: search (q), filters, sort (createdAt, tempoBpm, loudnessLufs, title, energy; '-' for descending) and paging.
         * @description `q` searches title, artist and file name; `genre`, `mood`, `instrument`, `key` (e.g. `A minor`), `camelot` (e.g. `8A`),
         *     `bpmMin`/`bpmMax`, `energyMin`/`energyMax` and `status` (uploaded, analyzing, analyzed, failed) filter;
         *     `page` from 1, `pageSize` 1 to 100 (20 by default). Example: `/api/v1/audio?genre=techno&bpmMin=120&sort=-energy`.
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
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AnalyzeRequest: {
            /** Format: uuid */
            trackId: null | string;
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
        JsonElement: unknown;
        PagedListOfTrackDto: {
            items: components["schemas"]["TrackDto"][];
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
            track: components["schemas"]["TrackDto"];
            /** Format: double */
            score: number;
            reasons: string[];
        };
        SimilarTracksDto: {
            /** Format: uuid */
            trackId: string;
            items: components["schemas"]["SimilarTrackDto"][];
        };
        TrackDto: {
            /** Format: uuid */
            id: string;
            title: string;
            artist: null | string;
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
            analysis: null | components["schemas"]["JsonElement"];
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
                q?: string;
                genre?: string;
                mood?: string;
                instrument?: string;
                key?: string;
                camelot?: string;
                bpmMin?: number;
                bpmMax?: number;
                energyMin?: number;
                energyMax?: number;
                status?: string;
                sort?: string;
                page?: number;
                pageSize?: number;
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
                    "application/json": components["schemas"]["PagedListOfTrackDto"];
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
}
