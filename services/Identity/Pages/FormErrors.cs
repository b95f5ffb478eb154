using AudioPlatform.Identity.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AudioPlatform.Identity.Pages;

/// <summary>
/// The errors of a posted form: each next to its field, and all of them in the summary at the top
/// (linked to their fields), as the hosted pages show them.
/// </summary>
public sealed class FormErrors
{
    public const string EmailField = UserRegistration.EmailField;
    public const string PasswordField = UserRegistration.PasswordField;

    private readonly List<(string? Field, string Message)> _errors = [];

    public bool Any => _errors.Count > 0;

    /// <summary>Every error in order; <c>Field</c> is null for one about the form as a whole.</summary>
    public IReadOnlyList<(string? Field, string Message)> All => _errors;

    public void Add(string? field, string message) => _errors.Add((field, message));

    public void AddRange(IReadOnlyDictionary<string, string[]> errors)
    {
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                Add(field, message);
            }
        }
    }

    public FieldErrors Field(string field) =>
        new($"{field}-error", [.. _errors.Where(error => error.Field == field).Select(error => error.Message)]);

    /// <summary>"true" for a field with errors, else null (Razor then leaves the attribute out).</summary>
    public string? Invalid(string field) => Field(field).Messages.Count > 0 ? "true" : null;

    /// <summary>The field's hints and, when it has errors, its error text, for <c>aria-describedby</c>.</summary>
    public string? DescribedBy(string field, params string[] hints)
    {
        var errors = Field(field);
        string[] ids = errors.Messages.Count > 0 ? [.. hints, errors.Id] : hints;
        return ids.Length > 0 ? string.Join(' ', ids) : null;
    }
}

/// <summary>One field's errors and the id its input refers to.</summary>
public sealed record FieldErrors(string Id, IReadOnlyList<string> Messages);

public static class PageResults
{
    /// <summary>The page again with its errors, as 429 with the Retry-After a client or a script can act on.</summary>
    public static PageResult TooManyRequests(this PageModel page, TimeSpan wait)
    {
        page.Response.Headers.RetryAfter = SignInThrottle.RetryAfterHeader(wait);
        var result = page.Page();
        result.StatusCode = StatusCodes.Status429TooManyRequests;
        return result;
    }
}
