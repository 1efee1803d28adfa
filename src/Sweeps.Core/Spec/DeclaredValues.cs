using Sweeps.Core.Jobs;
using Sweeps.Core.Parameters;

namespace Sweeps.Core.Spec;

/// <summary>Whether a value lies in what a job parameter declares it takes (its bounds or its choices), and how to say so when not.</summary>
internal static class DeclaredValues
{
    /// <returns>Null when the parameter takes the value; otherwise what is wrong and a hint.</returns>
    public static (string Problem, string Hint)? Refusal(JobParameter target, ParameterValue value)
    {
        if (target.Bounds is { } bounds && value.IsNumeric && !bounds.Admits(value.Number))
            return ($"'{target.Name}' must be {bounds.Describe()}, got {value}", bounds.Reason ?? $"{target.Name}: {target.Description}");
        if (target.Choices is { } choices && value.Kind == ParameterKind.Text && !choices.Contains(value.Text ?? ""))
            return ($"'{target.Name}' cannot be '{value.Text}'", Suggestion.Hint(value.Text ?? "", choices, $"{target.Name} is one of"));
        return null;
    }
}
