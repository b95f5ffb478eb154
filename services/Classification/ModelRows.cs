using Microsoft.ML;
using Microsoft.ML.Data;

namespace AudioPlatform.Classification;

/// <summary>One example as the genre model reads it (the label is ignored when predicting).</summary>
public sealed class GenreRow
{
    public float[] Features { get; set; } = [];
    public string Label { get; set; } = "";
}

/// <summary>One example as a mood or instrument model reads it.</summary>
public sealed class FlagRow
{
    public float[] Features { get; set; } = [];
    public bool Label { get; set; }
}

public sealed class GenreScores
{
    /// <summary>Softmax probability of each genre, in the order of the model's label slots.</summary>
    public float[] Score { get; set; } = [];
}

public sealed class FlagScore
{
    /// <summary>Calibrated probability that the label applies.</summary>
    public float Probability { get; set; }
}

/// <summary>The schemas of those rows: the feature column's length is known only at run time (<see cref="ModelFeatures.Length"/>).</summary>
public static class ModelSchemas
{
    public static SchemaDefinition For<TRow>()
    {
        var schema = SchemaDefinition.Create(typeof(TRow));
        schema[nameof(GenreRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, ModelFeatures.Length);
        return schema;
    }

    public static IDataView Load<TRow>(MLContext ml, IEnumerable<TRow> rows) where TRow : class => ml.Data.LoadFromEnumerable(rows, For<TRow>());
}
