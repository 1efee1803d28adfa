using Sweeps.Store;
using Sweeps.TestSupport;

namespace Sweeps.Server.Tests;

/// <summary>The token table on each kind of store: created idempotently, only hashes kept, shared by every node opening the store.</summary>
public sealed class ApiTokensTests
{
    public static TheoryData<string> Kinds => TestStores.Kinds();

    [Theory, MemberData(nameof(Kinds))]
    public void A_token_issued_through_one_opening_is_valid_through_another_and_others_are_not(string kind)
    {
        var location = TestStores.Create(kind);
        ResultStore.Open(location);
        var first = ApiTokens.Open(location);
        var second = ApiTokens.Open(location);
        var token = first.Issue("CN=operator", DateTime.UtcNow);
        var other = first.Issue("CN=operator", DateTime.UtcNow);
        Assert.NotEqual(token, other);
        Assert.True(second.IsValid(token));
        Assert.True(second.IsValid(other));
        Assert.False(second.IsValid(token + "x"));
        Assert.False(second.IsValid(""));
        Assert.False(second.IsValid(new string('a', 100_000)));
    }
}
