namespace Sweeps.Core.Spec;

/// <summary>
/// How <c>sampler: tpe</c> models the results (<c>tpe: {multivariate: true}</c>); <see cref="Default"/> when the spec
/// does not say, so that specs without <c>tpe:</c> keep their canonical text and fingerprint.
/// </summary>
/// <param name="Multivariate">
/// One estimator over all parameters together (Optuna's <c>multivariate=True</c>), so that values which are good
/// together are suggested together; false: one estimator per parameter.
/// </param>
public sealed record TpeOptions(bool Multivariate = false)
{
    public static TpeOptions Default { get; } = new();
}
