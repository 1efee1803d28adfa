namespace Sweeps.Lstm.Model;

/// <summary>What a network is: the variant, its sizes, and the output layer.</summary>
public sealed record NetworkShape(LstmVariant Variant, int Inputs, int Hidden, int Layers, int Outputs, OutputKind Output)
{
    public void Validate()
    {
        if (Inputs < 1) throw new ArgumentOutOfRangeException(nameof(Inputs), Inputs, "a network needs at least one input");
        if (Hidden < 1) throw new ArgumentOutOfRangeException(nameof(Hidden), Hidden, "a layer needs at least one cell");
        if (Layers < 1) throw new ArgumentOutOfRangeException(nameof(Layers), Layers, "a network needs at least one layer");
        if (Outputs < 1) throw new ArgumentOutOfRangeException(nameof(Outputs), Outputs, "a network needs at least one output");
    }

    /// <summary>All parameters: the LSTM layers, then the output layer.</summary>
    public int ParameterCount
    {
        get
        {
            var layout = new GateLayout(Variant);
            var count = 0;
            for (var l = 0; l < Layers; l++) count += layout.ParameterCount(l == 0 ? Inputs : Hidden, Hidden);
            return count + (Hidden + 1) * Outputs;
        }
    }
}
