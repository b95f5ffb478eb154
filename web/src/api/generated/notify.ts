// Generated from web/openapi/notify.json by web/openapi/generator/generate.mjs: do not edit.
// Refresh the documents and these types with scripts/refresh-api-types.sh.

export interface paths {
    "/api/v1/notify/info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Describes the running notify service. */
        get: operations["notify-info"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ws": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed-in user's track events as JSON over a WebSocket; ?since=<seq> replays what was missed.
         * @description A WebSocket upgrade (`ws://…/api/v1/ws`), not a plain GET: a plain request is a 400 problem. Each message is
         *     `{ "seq", "type", "trackId", "occurredAt", "data" }` with `type` one of trackUploaded, analysisStarted,
         *     analysisProgress, analysisCompleted, analysisFailed, trackDeleted, heartbeat or resyncRequired (the buffer no
         *     longer holds what `since` asked for: list the tracks again). The server pings; a client that stops answering is dropped.
         *     The socket lives no longer than the access token it was opened with: the server closes it with status 1008
         *     (policy violation) and the reason `token expired` (reconnect with a fresh token, `since` the last `seq`),
         *     `token revoked` or `session ended` (sign in again).
         */
        get: operations["Notifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notify/diagnostics/pings/{pingId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's diagnostic ping as this instance consumed it, with the trace id it was consumed in.
         * @description 404 until Notify has consumed it, and for another user's ping. Only where diagnostics are enabled; rate-limited per user.
         */
        get: operations["GetDiagnosticPing"];
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
        ProblemDetails: {
            type?: null | string;
            title?: null | string;
            /** Format: int32 */
            status?: null | number;
            detail?: null | string;
            instance?: null | string;
        };
        ReceivedPing: {
            /** Format: uuid */
            pingId: string;
            publishedBy: string;
            traceId: null | string;
            /** Format: date-time */
            receivedAt: string;
        };
        ServiceInfo: {
            service: string;
            version: string;
            mode: string;
            instance: string;
            /** Format: date-time */
            startedAt: string;
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
    "notify-info": {
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
    Notifications: {
        parameters: {
            query?: {
                since?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Switching Protocols */
            101: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
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
    GetDiagnosticPing: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                pingId: string;
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
                    "application/json": components["schemas"]["ReceivedPing"];
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
            /** @description Too Many Requests */
            429: {
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
