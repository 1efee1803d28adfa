using Sweeps.Geometry;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Geometry.Tests.Config;

/// <summary>The README's first example must name real job kinds, real parameters and real metrics.</summary>
public class CurseOfDimensionalityConfigTests
{
    private static readonly YamlMappingNode[] Sweeps = Load();

    [Fact]
    public void The_file_sweeps_all_six_job_kinds_over_dimension_with_replicates()
    {
        Assert.Equal(GeometryJobs.Definitions.Select(d => d.Kind).Order(), Sweeps.Select(s => s["job"].ToString()).Order());
        Assert.All(Sweeps, s =>
        {
            Assert.True(((YamlSequenceNode)((YamlMappingNode)s["parameters"])["dimension"]).Children.Count >= 5);
            Assert.True(int.Parse(s["replicates"].ToString()) >= 3);
            Assert.Equal("grid", s["sampler"].ToString());
        });
    }

    [Fact]
    public void Every_parameter_is_one_the_job_takes_and_every_objective_a_metric_it_reports()
    {
        foreach (var sweep in Sweeps)
        {
            var definition = GeometryJobs.Definitions.Single(d => d.Kind == sweep["job"].ToString());
            foreach (var parameter in ((YamlMappingNode)sweep["parameters"]).Children.Keys)
                Assert.NotNull(definition.FindParameter(parameter.ToString()));
            var objective = (YamlMappingNode)sweep["objective"];
            Assert.Contains(objective["metric"].ToString(), definition.Metrics);
            Assert.Contains(objective["goal"].ToString(), new[] { "maximize", "minimize" });
        }
    }

    private static YamlMappingNode[] Load()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "config", "sweeps", "curse-of-dimensionality.yaml")))
            directory = directory.Parent;
        var path = Path.Combine(directory?.FullName ?? throw new FileNotFoundException("config/sweeps/curse-of-dimensionality.yaml not found above the test binaries"),
            "config", "sweeps", "curse-of-dimensionality.yaml");
        var yaml = new YamlStream();
        using var reader = new StreamReader(path);
        yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return ((YamlSequenceNode)root["sweeps"]).Children.Cast<YamlMappingNode>().ToArray();
    }
}
