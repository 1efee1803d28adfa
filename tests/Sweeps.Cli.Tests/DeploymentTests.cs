using System.Text.Json;
using System.Text.RegularExpressions;
using Sweeps.Cli.Tests.Support;

namespace Sweeps.Cli.Tests;

/// <summary>
/// The deployment files (docker-compose.yml, deploy/Dockerfile, .dockerignore, global.json) read as Compose and Docker
/// would, checked against the rules that keep a cluster up across restarts (issue 9, point 5). No Docker engine needed.
/// </summary>
public sealed class DeploymentTests
{
    private static readonly ComposeFile Compose = ComposeFile.Load(RepositoryFolder.File("docker-compose.yml"));
    private static readonly Dockerfile Image = Dockerfile.Load(RepositoryFolder.File("deploy/Dockerfile"));

    private static ComposeService Store => Compose.Services.Values.Single(s => s.Text("image")?.StartsWith("postgres:", StringComparison.Ordinal) == true);

    private static IEnumerable<ComposeService> SweepsServices => Compose.Services.Values.Where(s => s.Role is not null);

    private static IEnumerable<ComposeService> Nodes => Compose.Services.Values.Where(s => s.IsNode);

    private static IEnumerable<ComposeService> Coordinators => Compose.Services.Values.Where(s => s.Role == "coordinator");

    [Fact]
    public void The_compose_file_has_the_store_two_coordinators_workers_and_a_submit_client()
    {
        Assert.Equal(["coordinator", "coordinator", "submit", "worker"], SweepsServices.Select(s => s.Role!).Order());
        Assert.NotNull(Store);
    }

    [Fact]
    public void The_store_is_healthy_only_once_it_answers_over_tcp()
    {
        // pg_isready without -h asks the Unix socket, which the image's initialisation server answers before TCP works.
        var check = string.Join(' ', Store.Map("healthcheck")!["test"] is List<object?> words ? words : [Store.Map("healthcheck")!["test"]]);
        Assert.Contains("pg_isready", check);
        Assert.Matches(@"-h\s+(127\.0\.0\.1|localhost)\b", check);
        Assert.Matches(@"-U\s+sweeps\b", check);
        Assert.Matches(@"-d\s+sweeps\b", check);
    }

    [Fact]
    public void Every_service_that_keeps_running_is_restarted_by_docker()
    {
        var running = Compose.Services.Values.Where(s => !s.InProfile).ToList();
        Assert.All(running, s => Assert.Contains(s.Text("restart"), new[] { "unless-stopped", "always", "on-failure" }));
    }

    [Fact]
    public void Every_node_lists_every_coordinator_as_a_seed()
    {
        var coordinators = Coordinators.Select(c => c.ClusterAddress).ToList();
        Assert.Equal(2, coordinators.Count);
        Assert.All(Nodes, node => Assert.Equal(coordinators.Order(), node.Seeds.Order()));
    }

    [Fact]
    public void Every_sweeps_service_waits_for_a_healthy_store_whatever_the_anchor_says()
    {
        var store = Store.Name;
        Assert.All(SweepsServices, s => Assert.Equal("service_healthy", s.DependsOn.GetValueOrDefault(store)));
        Assert.All(Nodes.Where(n => n.Role == "worker"), w => Assert.All(Coordinators, c => Assert.Contains(c.Name, w.DependsOn.Keys)));
    }

    [Fact]
    public void The_submit_client_waits_for_a_coordinator_whose_api_answers()
    {
        var submit = SweepsServices.Single(s => s.Role == "submit");
        Assert.Contains(submit.DependsOn, d => d.Value == "service_healthy" && Compose[d.Key].Role == "coordinator");
        Assert.All(Coordinators, c => Assert.Contains("/api/v1/health", string.Join(' ', c.Map("healthcheck")!["test"] as List<object?> ?? [])));
    }

    [Fact]
    public void One_named_image_is_built_once_and_every_sweeps_service_runs_it()
    {
        var built = Compose.Services.Values.Where(s => s.Has("build")).ToList();
        var builder = Assert.Single(built);
        Assert.Equal("deploy/Dockerfile", builder.Map("build")!["dockerfile"]);
        var image = builder.Text("image");
        Assert.False(string.IsNullOrEmpty(image));
        Assert.All(SweepsServices, s => Assert.Equal(image, s.Text("image")));
        // A service that only runs the image must not try a registry for a name that exists only here.
        Assert.All(SweepsServices.Where(s => !s.Has("build")), s => Assert.Equal("never", s.Text("pull_policy")));
    }

    [Fact]
    public void Nodes_on_the_compose_network_say_they_run_without_tls_and_how_others_reach_them()
    {
        Assert.All(Nodes, n =>
        {
            var insecure = n.Words.Contains("--insecure") || n.Environment("SWEEPS_INSECURE") == "true";
            var tls = n.Environment("SWEEPS_TLS__CERTIFICATE") is not null || n.Words.Contains("--tls-certificate");
            Assert.True(insecure || tls, $"{n.Name} listens beyond loopback: it needs --insecure or a certificate");
            Assert.NotNull(n.Flag("--public-host") ?? n.Environment("SWEEPS_PUBLICHOST"));
        });
        // The file says why in a comment, so that nobody copies it to machines on an open network unawares.
        var comments = RepositoryFolder.Read("docker-compose.yml").Split('\n').Where(l => l.TrimStart().StartsWith('#'));
        Assert.Contains(comments, l => l.Contains("--insecure"));
    }

    [Fact]
    public void The_api_of_every_coordinator_and_the_store_are_published_on_the_host()
    {
        Assert.All(Coordinators, c => Assert.Contains(c.Flag("--http-port") ?? "4080", c.PublishedContainerPorts));
        Assert.Contains("5432", Store.PublishedContainerPorts);
        Assert.All(Compose.Services.Values.SelectMany(s => s.List("ports")), p => Assert.StartsWith("127.0.0.1:", p));
    }

    [Fact]
    public void The_submit_client_reads_a_spec_chosen_by_a_variable_from_the_mounted_specs_folder()
    {
        var submit = SweepsServices.Single(s => s.Role == "submit");
        var mount = Assert.Single(submit.List("volumes"), v => v.StartsWith("./config/sweeps:", StringComparison.Ordinal));
        var inside = mount.Split(':')[1];
        Assert.Contains(submit.Words, w => w.StartsWith(inside + "/$$", StringComparison.Ordinal) || w.StartsWith(inside + "/${", StringComparison.Ordinal));
        Assert.Matches(@"^\$\{SPEC:-[\w.-]+\.yaml\}$", submit.Environment("SPEC"));
        Assert.True(File.Exists(RepositoryFolder.File("config/sweeps/" + Regex.Match(submit.Environment("SPEC")!, @":-(.+)\}").Groups[1].Value)));
        Assert.All(Coordinators, c => Assert.Contains($"http://{c.Flag("--public-host")}:4080", submit.Environment("SWEEPS_SERVER")));
    }

    [Fact]
    public void Every_sweeps_variable_the_nodes_get_is_a_documented_setting()
    {
        var readme = RepositoryFolder.Read("README.md");
        var variables = Nodes.SelectMany(n => n.EnvironmentNames).Where(v => v.StartsWith("SWEEPS_", StringComparison.Ordinal)).Distinct();
        Assert.All(variables, v => Assert.Contains($"`{v}`", readme));
    }

    [Fact]
    public void The_image_restores_from_the_project_files_before_it_copies_the_sources()
    {
        var restore = Image.IndexOf(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet restore"));
        var sources = Image.IndexOf(i => i.Keyword == "COPY" && i.Arguments == ". .");
        Assert.InRange(restore, 0, sources - 1);
        var copiedFirst = Image.Instructions.Take(restore).Where(i => i.Keyword == "COPY").SelectMany(i => i.Arguments.Split(' ')).ToHashSet();
        Assert.All(["global.json", "Directory.Build.props", "Directory.Packages.props"], f => Assert.Contains(f, copiedFirst));
        // A project added under src/ must be copied here too, or the cached restore misses it.
        var projects = Directory.GetFiles(RepositoryFolder.File("src"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(RepositoryFolder.Root, p).Replace('\\', '/'));
        Assert.All(projects, p => Assert.Contains(p, copiedFirst));
    }

    [Fact]
    public void The_image_runs_as_an_unprivileged_user()
    {
        var user = Image.FinalStage.LastOrDefault(i => i.Keyword == "USER");
        Assert.NotNull(user);
        Assert.DoesNotMatch(@"^(root|0)(:|$)", user.Arguments);
    }

    [Fact]
    public void The_image_builds_with_the_sdk_global_json_pins()
    {
        using var json = JsonDocument.Parse(RepositoryFolder.Read("global.json"));
        var sdk = json.RootElement.GetProperty("sdk");
        var version = sdk.GetProperty("version").GetString()!;
        Assert.Matches(@"^\d+\.\d+\.\d{3}$", version);
        Assert.Contains(sdk.GetProperty("rollForward").GetString(), new[] { "latestPatch", "latestFeature", "patch", "feature" });
        var from = Image.Instructions.First(i => i.Keyword == "FROM").Arguments;
        Assert.Matches($@"^mcr\.microsoft\.com/dotnet/sdk:{Regex.Escape(version)}\b", from);
        Assert.All(Image.Instructions.Where(i => i.Keyword == "FROM"), f => Assert.Matches(@":\d+\.\d+\.\d+\b", f.Arguments));
    }

    [Fact]
    public void A_node_in_the_image_reads_the_settings_file_the_publish_puts_there()
    {
        var publish = Image.Instructions.Single(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish")).Arguments;
        var output = Regex.Match(publish, @"-o\s+(\S+)").Groups[1].Value;
        var environment = string.Join(' ', Image.FinalStage.Where(i => i.Keyword == "ENV").Select(i => i.Arguments));
        Assert.Contains($"SWEEPS_CONFIG={output}/config/sweeps.json", environment);
        Assert.Contains("Link=\"config/sweeps.json\"", RepositoryFolder.Read("src/Sweeps.Cli/Sweeps.Cli.csproj"));
        Assert.Contains(Image.FinalStage, i => i.Keyword == "COPY" && i.Arguments.StartsWith($"--from=build {output} ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(".git")]
    [InlineData("out")]
    [InlineData("bin")]
    [InlineData("obj")]
    [InlineData("TestResults")]
    public void The_build_context_leaves_out_history_and_build_output(string folder)
    {
        var patterns = RepositoryFolder.Read(".dockerignore").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.TrimStart('/').Replace("**/", "").TrimEnd('/'));
        Assert.Contains(folder, patterns);
    }

    [DockerComposeFact]
    public void Docker_compose_accepts_the_file()
    {
        var (code, output) = DockerComposeFactAttribute.Run(RepositoryFolder.Root, "compose", "-f", "docker-compose.yml", "config", "--quiet");
        Assert.True(code == 0, output);
    }
}
