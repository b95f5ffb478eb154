namespace AudioPlatform.Classification;

public enum FeatureVectorProblem
{
    /// <summary>No vector, or not as many values as the schema the models were trained on.</summary>
    WrongLength,
    /// <summary>A value is NaN or infinite.</summary>
    NotFinite,
    /// <summary>The vector was built with another <see cref="Engine.FeatureVector.SchemaVersion"/> than the models were trained on.</summary>
    SchemaMismatch,
}

/// <summary>The feature vector cannot be classified; nothing is predicted from it. <see cref="Problem"/> says why.</summary>
public sealed class InvalidFeatureVectorException(FeatureVectorProblem problem, string message, string? featureName = null) : Exception(message)
{
    public FeatureVectorProblem Problem { get; } = problem;

    /// <summary>The first offending feature, when one can be named.</summary>
    public string? FeatureName { get; } = featureName;
}

/// <summary>The model files are missing, unreadable or do not belong together.</summary>
public sealed class ClassifierModelException(string message, Exception? inner = null) : Exception(message, inner);
