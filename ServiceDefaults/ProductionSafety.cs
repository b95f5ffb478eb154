using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>A setting that must not reach production as it is: its configuration key and what is wrong with it.</summary>
public sealed record UnsafeSetting(string Key, string Problem)
{
    public override string ToString() => $"{Key}: {Problem}";
}

/// <summary>
/// The platform's refusal to start in <c>Production</c> with development-only settings. Each service adds rules
/// for what it owns (<see cref="ProductionSafetyExtensions.AddProductionRule"/>); at start every rule runs and
/// all the unsafe settings are reported in one error, before anything listens or connects. Outside
/// Production no rule is registered, so development and tests keep their conveniences.
/// </summary>
public static class ProductionSafetyExtensions
{
    /// <summary>Adds a rule over the whole service (configuration, options); it runs once at start, in Production only.</summary>
    public static IHostApplicationBuilder AddProductionRule(this IHostApplicationBuilder builder, Func<IServiceProvider, IEnumerable<UnsafeSetting>> rule)
    {
        if (!builder.Environment.IsProduction())
        {
            return builder;
        }

        builder.Services.AddSingleton(new ProductionRule(rule));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProductionSafetyCheck>, ProductionSafetyValidator>());
        builder.Services.AddOptions<ProductionSafetyCheck>().ValidateOnStart();
        return builder;
    }

    /// <summary>
    /// Adds a rule over one options class, as bound (defaults included). Options that fail their own validation are
    /// skipped here: that validation already names what is wrong with them.
    /// </summary>
    public static IHostApplicationBuilder AddProductionRule<TOptions>(this IHostApplicationBuilder builder, Func<TOptions, IEnumerable<UnsafeSetting>> rule)
        where TOptions : class =>
        builder.AddProductionRule(services =>
        {
            try
            {
                return rule(services.GetRequiredService<IOptions<TOptions>>().Value).ToList();
            }
            catch (OptionsValidationException)
            {
                return [];
            }
        });

    /// <summary>The setting must be an https URL: tokens, codes and cookies must not cross the network in clear text.</summary>
    public static IEnumerable<UnsafeSetting> RequireHttps(string key, string? value, string why)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme != Uri.UriSchemeHttps)
        {
            yield return new UnsafeSetting(key, $"'{value}' is plain http; {why} Use an https address.");
        }
    }

    /// <summary>One message listing every unsafe setting, one per line.</summary>
    public static string Describe(IReadOnlyCollection<UnsafeSetting> settings) =>
        $"AudioPlatform refuses to start in the Production environment with {settings.Count} unsafe setting{(settings.Count == 1 ? "" : "s")}:"
        + string.Concat(settings.Select(setting => $"{Environment.NewLine}  - {setting}"));

    internal sealed record ProductionRule(Func<IServiceProvider, IEnumerable<UnsafeSetting>> Check);

    internal sealed class ProductionSafetyValidator(IEnumerable<ProductionRule> rules, IServiceProvider services) : IValidateOptions<ProductionSafetyCheck>
    {
        public ValidateOptionsResult Validate(string? name, ProductionSafetyCheck options)
        {
            var unsafeSettings = rules.SelectMany(rule => rule.Check(services)).Distinct().ToList();
            return unsafeSettings.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(Describe(unsafeSettings));
        }
    }
}

/// <summary>Validated at start (as options are) so that the production rules run before any hosted service.</summary>
public sealed class ProductionSafetyCheck;
