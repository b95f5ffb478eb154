using Microsoft.ML;
using Microsoft.ML.Data;

namespace AudioPlatform.Benchmark;

/// <summary>
/// The "small ML.NET head" the per-user model is compared with: multiclass logistic regression (L-BFGS maximum entropy,
/// L2-regularised) over the same vectors, fitted afresh for every simulated user.
/// </summary>
internal static class MaximumEntropyHead
{
    private sealed class Row
    {
        public float[] Features { get; set; } = [];

        public string Label { get; set; } = "";
    }

    private sealed class Prediction
    {
        public string PredictedLabel { get; set; } = "";
    }

    /// <returns>A function naming the most likely label of a vector.</returns>
    public static Func<float[], string> Fit(IReadOnlyList<(float[] Vector, string Label)> examples, int seed)
    {
        var ml = new MLContext(seed);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, examples[0].Vector.Length);
        var data = ml.Data.LoadFromEnumerable(examples.Select(e => new Row { Features = e.Vector, Label = e.Label }), schema);
        var pipeline = ml.Transforms.Conversion.MapValueToKey(nameof(Row.Label))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(nameof(Row.Label), nameof(Row.Features)))
            .Append(ml.Transforms.Conversion.MapKeyToValue(nameof(Prediction.PredictedLabel)));
        var model = pipeline.Fit(data);
        var engine = ml.Model.CreatePredictionEngine<Row, Prediction>(model, inputSchemaDefinition: schema);
        return vector => engine.Predict(new Row { Features = vector }).PredictedLabel;
    }
}
