using AudioPlatform.Engine;

namespace AudioPlatform.Classification.Tests;

public sealed class FeatureVectorValidationTests
{
    private static TrackClassifier Classifier => TrackClassifier.Default;

    [Fact]
    public void A_NaN_feature_is_refused_with_its_name()
    {
        var vector = Fixtures.HeldOutHouse().FeatureVector.ToArray();
        var tempo = FeatureVector.Names.ToList().IndexOf("tempoBpm");
        vector[tempo] = float.NaN;

        var error = Assert.Throws<InvalidFeatureVectorException>(() => Classifier.Classify(vector));

        Assert.Equal(FeatureVectorProblem.NotFinite, error.Problem);
        Assert.Equal("tempoBpm", error.FeatureName);
    }

    [Fact]
    public void An_infinite_feature_is_refused()
    {
        var vector = Fixtures.HeldOutHouse().FeatureVector.ToArray();
        vector[^1] = float.NegativeInfinity;

        var error = Assert.Throws<InvalidFeatureVectorException>(() => Classifier.Classify(vector));

        Assert.Equal(FeatureVectorProblem.NotFinite, error.Problem);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(-50)]
    public void A_vector_of_the_wrong_length_is_refused(int difference)
    {
        var vector = new float[FeatureVector.Length + difference];

        var error = Assert.Throws<InvalidFeatureVectorException>(() => Classifier.Classify(vector));

        Assert.Equal(FeatureVectorProblem.WrongLength, error.Problem);
    }

    [Fact]
    public void An_empty_vector_is_refused()
    {
        var error = Assert.Throws<InvalidFeatureVectorException>(() => Classifier.Classify([]));

        Assert.Equal(FeatureVectorProblem.WrongLength, error.Problem);
    }

    [Fact]
    public void A_missing_vector_is_refused()
    {
        var error = Assert.Throws<InvalidFeatureVectorException>(() => Classifier.Classify((float[]?)null));

        Assert.Equal(FeatureVectorProblem.WrongLength, error.Problem);
    }

    [Fact]
    public void A_vector_of_another_schema_version_is_refused()
    {
        var vector = Fixtures.HeldOutHouse().FeatureVector;

        var error = Assert.Throws<InvalidFeatureVectorException>(() => Classifier.Classify(vector, FeatureVector.SchemaVersion + 1));

        Assert.Equal(FeatureVectorProblem.SchemaMismatch, error.Problem);
    }

    [Fact]
    public void Models_trained_on_another_schema_version_do_not_load()
    {
        var directory = Directory.CreateTempSubdirectory("classification-models-");
        try
        {
            foreach (var file in Directory.EnumerateFiles(TrackClassifier.DefaultModelDirectory))
                File.Copy(file, Path.Combine(directory.FullName, Path.GetFileName(file)));
            var infoPath = Path.Combine(directory.FullName, ModelInfo.FileName);
            (ModelInfo.Load(infoPath) with { FeatureSchemaVersion = FeatureVector.SchemaVersion + 1 }).Save(infoPath);

            var error = Assert.Throws<ClassifierModelException>(() => TrackClassifier.Load(directory.FullName));

            Assert.Contains("feature schema", error.Message);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
