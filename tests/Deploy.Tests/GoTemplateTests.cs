using AudioPlatform.Deploy.Tests.Helm;

namespace AudioPlatform.Deploy.Tests;

/// <summary>The chart renderer does what Helm does for the constructs the chart uses, and refuses the rest.</summary>
public sealed class GoTemplateTests
{
    private static readonly Dictionary<string, object?> Root = new()
    {
        ["Values"] = Yaml.LoadMap("""
            services:
              notify: {replicas: 1, refs: [identity]}
              gateway: {replicas: 2, public: true, refs: [identity, ingest]}
            tag: ""
            name: audio
            port: 8080
            proxy: {buffering: "off"}
            """),
        ["Chart"] = new Dictionary<string, object?> { ["AppVersion"] = "0.1.0" },
    };

    [Fact]
    public void Range_over_a_map_visits_keys_in_order_and_trims_where_asked()
    {
        const string template = """
            {{- range $name, $svc := .Values.services }}
            - {{ $name }}: {{ $svc.replicas }}{{ if $svc.public }} public{{ end }}
              {{- range $svc.refs }} {{ . }}{{ end }}
            {{- end }}
            """;

        Assert.Equal("\n- gateway: 2 public identity ingest\n- notify: 1 identity", GoTemplate.Render(template, Root));
    }

    [Fact]
    public void Functions_quote_default_printf_and_nindent_work_as_in_helm()
    {
        Assert.Equal("\"0.1.0\"", GoTemplate.Render("{{ .Values.tag | default .Chart.AppVersion | quote }}", Root));
        Assert.Equal("http://audio:8080", GoTemplate.Render("{{ printf \"http://%s:%v\" .Values.name .Values.port }}", Root));
        Assert.Equal("a:\n  refs:\n  - identity\n  replicas: 1", GoTemplate.Render("a:{{ toYaml (index .Values.services \"notify\") | nindent 2 }}", Root));
        Assert.Equal("buffering: \"off\"", GoTemplate.Render("{{ toYaml .Values.proxy }}", Root));
        Assert.Equal("yes", GoTemplate.Render("{{ if gt (int .Values.services.gateway.replicas) 1 }}yes{{ else }}no{{ end }}", Root));
    }

    [Fact]
    public void Printing_a_missing_value_is_an_error_not_an_empty_string()
    {
        var error = Assert.Throws<InvalidOperationException>(() => GoTemplate.Render("replicas: {{ .Values.services.gateway.replica }}", Root));

        Assert.Contains(".Values.services.gateway.replica", error.Message);
    }

    [Theory]
    [InlineData("{{ include \"x\" . }}")]
    [InlineData("{{ with .Values }}{{ end }}")]
    [InlineData("{{ $x := 1 }}")]
    [InlineData("{{ .Values.name | upper }}")]
    public void A_construct_outside_the_subset_is_refused(string template)
    {
        Assert.ThrowsAny<Exception>(() => GoTemplate.Render(template, Root));
    }
}
