using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A request an endpoint cannot even bind is the client's mistake, never a 500: a query or route value that is not a
/// number, a guid or a boolean, a body that is missing, is not JSON or has a field of the wrong type. Each is answered
/// with a validation problem (RFC 9457, <c>errors: { field: [...] }</c>) naming the field as the client spelled it
/// (<c>bpmMin</c>, <c>trackId</c>, the body's JSON path, or <c>body</c> for the body as a whole); 400, or 415 for a
/// body that is not declared as JSON.
/// </summary>
/// <remarks>
/// Minimal APIs throw <see cref="BadHttpRequestException"/> on a binding failure only in Development, where the
/// exception handler turned it into a 500; elsewhere they answer a bare 400 and keep the reason in a debug log. Here
/// they throw in every environment, so one handler can say which field was wrong.
/// </remarks>
public static class MalformedRequestExtensions
{
    public static IServiceCollection AddMalformedRequestProblems(this IServiceCollection services)
    {
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<MalformedRequestHandler>();
        // Routing refuses a body of a media type no endpoint accepts with a bare 415 of its own (an endpoint without
        // metadata, before any binding): say which field and what to do.
        services.Configure<ProblemDetailsOptions>(options =>
        {
            var customize = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                customize?.Invoke(context);
                if (context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType
                    && !context.ProblemDetails.Extensions.ContainsKey("errors")
                    && context.HttpContext.GetEndpoint() is { Metadata.Count: 0 })
                {
                    context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]>
                    {
                        [MalformedRequestHandler.BodyField] = [MalformedRequestHandler.WrongMediaType],
                    };
                }
            };
        });
        return services;
    }
}

/// <summary>Writes a <see cref="BadHttpRequestException"/> as the validation problem it stands for.</summary>
internal sealed partial class MalformedRequestHandler(IProblemDetailsService problems, ILogger<MalformedRequestHandler> logger) : IExceptionHandler
{
    /// <summary>The field for the body as a whole (missing, not JSON, not declared as JSON).</summary>
    public const string BodyField = "body";

    public const string SendJson = "Send the body as JSON, with Content-Type: application/json.";

    public const string WrongMediaType = "This operation does not accept a body of this Content-Type; the API reference lists the ones it does (JSON for most).";

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest || context.Response.HasStarted)
        {
            return false;
        }

        var status = badRequest.StatusCode is >= 400 and < 500 ? badRequest.StatusCode : StatusCodes.Status400BadRequest;
        LogMalformedRequest(logger, status, badRequest.Message);
        context.Response.StatusCode = status;
        var problem = Describe(badRequest) is { } error
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [error.Field] = [error.Message] })
            {
                Title = status == StatusCodes.Status415UnsupportedMediaType ? "The body is not JSON." : "One or more values are not valid.",
            }
            : new Microsoft.AspNetCore.Mvc.ProblemDetails { Title = "The request is malformed." };
        problem.Status = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// The field and what is wrong with it, in words for the client (never a .NET type name or the value echoed back).
    /// Minimal APIs name the parameter in their message as <c>"type name"</c>; that is the only place they say it.
    /// </summary>
    internal static (string Field, string Message)? Describe(BadHttpRequestException exception)
    {
        var message = exception.Message;
        if (message.StartsWith("Expected a supported JSON media type", StringComparison.Ordinal))
        {
            return (BodyField, SendJson);
        }

        if (message.StartsWith("Implicit body inferred", StringComparison.Ordinal)
            || (message.StartsWith("Required parameter", StringComparison.Ordinal) && message.EndsWith("from body.", StringComparison.Ordinal)))
        {
            return (BodyField, "A JSON body is required.");
        }

        if (message.Contains("from the request body", StringComparison.Ordinal))
        {
            return exception.InnerException is JsonException { Path: { } path } json && FieldOfJsonPath(path) is { } field
                ? (field, $"Not a valid {Describe(ConvertedTo().Match(json.Message).Groups["type"].Value)}.")
                : (BodyField, "The body is not valid JSON.");
        }

        if (Parameter().Match(message) is not { Success: true } parameter)
        {
            return null;
        }

        var name = JsonNamingPolicy.CamelCase.ConvertName(parameter.Groups["name"].Value);
        return message.StartsWith("Required parameter", StringComparison.Ordinal)
            ? (name, "A value is required.")
            : (name, $"Not a valid {Describe(parameter.Groups["type"].Value)}.");
    }

    /// <summary><c>$.trackId</c> is <c>trackId</c>, <c>$.items[2].name</c> is <c>items[2].name</c>; the root is the body itself.</summary>
    private static string? FieldOfJsonPath(string path) =>
        path.StartsWith("$.", StringComparison.Ordinal) && path.Length > 2 ? path[2..] : null;

    /// <summary>A value's type as a client reads it, from the .NET type name in the framework's message.</summary>
    private static string Describe(string type)
    {
        var bare = type.Replace("System.", "", StringComparison.Ordinal).Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('>', '?');
        return bare.ToLowerInvariant() switch
        {
            "guid" => "id (a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301)",
            "int" or "int32" or "long" or "int64" or "short" or "int16" or "uint" or "uint32" or "ulong" or "uint64" => "whole number",
            "double" or "float" or "single" or "decimal" => "number",
            "bool" or "boolean" => "boolean (true or false)",
            "datetime" or "datetimeoffset" or "dateonly" => "date",
            "timespan" or "timeonly" => "time",
            "string" => "text",
            _ => "value",
        };
    }

    [GeneratedRegex("^(?:Failed to bind|Required) parameter \"(?<type>[^\"]*) (?<name>[A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"could not be converted to (?<type>[\w.`\[\]]+)")]
    private static partial Regex ConvertedTo();

    [LoggerMessage(LogLevel.Information, "Malformed request answered {Status}: {Reason}")]
    private static partial void LogMalformedRequest(ILogger logger, int status, string reason);
}
