using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Every service's OpenAPI document (<c>/openapi/v1.json</c>), written for a reader of the public API: it lists
/// only <c>/api/v1/**</c>, names the Gateway as the one server, says how to authenticate, and marks each
/// operation that needs a user with both ways of being one and the 401 problem it answers without.
/// </summary>
public static class OpenApiExtensions
{
    /// <summary>Where each service serves its document; the Gateway proxies them under <c>/api/docs/openapi/</c>.</summary>
    public const string DocumentPath = "/openapi/v1.json";

    public const string BearerScheme = "bearer";
    public const string SessionScheme = "session";

    /// <summary>The web session cookie's default name (the Gateway's <c>Bff:CookieName</c>).</summary>
    public const string SessionCookieName = "audioplatform.session";

    private const string PublicApiPrefix = "api/v1";

    internal const string AuthenticationGuide = """
        Every call goes through the Gateway. Calls that need a user accept either
        an **access token** from Identity (`Authorization: Bearer <token>`: the command-line tool's device sign-in,
        `POST /connect/device` then `POST /connect/token`; tokens live 15 minutes and are refreshed with the refresh token) or
        the **web session** (the `audioplatform.session` cookie that `GET /api/v1/auth/login` sets after the hosted sign-in;
        state-changing calls with the cookie also need the header `X-CSRF: 1`).
        Errors are RFC 9457 problem details (`application/problem+json`).
        """;

    public static TBuilder AddDefaultOpenApi<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var service = builder.Environment.ApplicationName.Split('.')[^1];
        builder.Services.AddOpenApi(options =>
        {
            options.ShouldInclude = description =>
                description.RelativePath?.StartsWith(PublicApiPrefix, StringComparison.OrdinalIgnoreCase) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = $"AudioPlatform {service} API",
                    Version = ServiceInfoExtensions.PlatformVersion,
                    Description = AuthenticationGuide,
                };
                // Services sit behind the Gateway: the address a service sees is not one a reader can call.
                document.Servers = [new OpenApiServer { Url = "/", Description = "The Gateway" }];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    [BearerScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        BearerFormat = "JWT",
                        Description = "An access token issued by Identity (device authorization grant for the CLI and scripts).",
                    },
                    [SessionScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.ApiKey,
                        In = ParameterLocation.Cookie,
                        Name = SessionCookieName,
                        Description = "The web app's session, set by GET /api/v1/auth/login; POST, PUT and DELETE also need the header X-CSRF: 1.",
                    },
                };
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, _, _) =>
            {
                // The web defaults accept numbers written as strings, so the generator documents every number as
                // "number or string" (with a pattern); the services always write numbers as numbers, and the clients
                // generated from these documents must send them so.
                if (schema.Type is { } type && (type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0 && (type & JsonSchemaType.String) != 0)
                {
                    schema.Type = type & ~JsonSchemaType.String;
                    schema.Pattern = null;
                }
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, _, _) =>
            {
                // Query parameters bound from a record ([AsParameters]) are documented with the property's name
                // (Q, BpmMin); the query string is read regardless of case, and clients write it in camelCase.
                foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
                {
                    if (parameter.In == ParameterLocation.Query && parameter.Name is { Length: > 0 } name && char.IsUpper(name[0]))
                    {
                        parameter.Name = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);
                    }
                }
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(async (operation, context, cancellationToken) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (!metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<IAllowAnonymous>().Any())
                {
                    return;
                }

                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SessionScheme, context.Document)] = [] },
                ];
                operation.Responses ??= [];
                operation.Responses.TryAdd(StatusCodes.Status401Unauthorized.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    new OpenApiResponse
                    {
                        Description = "No valid access token or session (problem details).",
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/problem+json"] = new()
                            {
                                Schema = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), cancellationToken: cancellationToken),
                            },
                        },
                    });
            });
        });
        return builder;
    }

    public static IEndpointConventionBuilder MapDefaultOpenApi(this WebApplication app) => app.MapOpenApi(DocumentPath);
}
