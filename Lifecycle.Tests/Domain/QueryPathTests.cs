using Lifecycle.Data.Common;
using Lifecycle.Data.Queries;

namespace Lifecycle.Tests.Domain;

/// <summary>SPEC Q2: a query's path stays under its data source's base URL; its figure is in docs/security.md.</summary>
public sealed class QueryPathTests
{
    private const string BaseUrl = "https://api.example.test/api/v1";

    public static TheoryData<string> Escapes =>
    [
        "..", "../admin", "/../admin", "./../admin", "items/../../admin", "items/..", ".", "./",
        "%2e%2e/admin", "%2E%2E/admin", "%2e%2e%2fadmin", "..%2fadmin", ".%2e/admin", "%2e./admin", "..%2Fadmin",
        "%252e%252e/admin", "%252e%252e%252fadmin", "%25252e%25252e/admin", "%2525252e%2525252e/admin",
        "..\\admin", "..%5cadmin", "items\\..\\..\\admin", "%5c%5cevil.test/x",
        "//evil.test/x", "///evil.test/x", "/\\evil.test/x", "items//x",
        "http://evil.test/x", "HTTP://evil.test", "https:\\\\evil.test",
        "．．/admin", "%EF%BC%8E%EF%BC%8E/admin", // full-width dots, plain and encoded
        "items%00/x", "items\r\nHost: evil.test", "items%0d%0aX: y", "items\tx",
    ];

    public static TheoryData<string, string> Kept => new()
    {
        { "", "https://api.example.test/api/v1/" },
        { "items", "https://api.example.test/api/v1/items" },
        { "/items/42", "https://api.example.test/api/v1/items/42" },
        { "items:batchGet", "https://api.example.test/api/v1/items:batchGet" },
        { "projects/group%2Fproject", "https://api.example.test/api/v1/projects/group%2Fproject" },
        { "files/a..b/c...d", "https://api.example.test/api/v1/files/a..b/c...d" },
        { "search?q=1", "https://api.example.test/api/v1/search?q=1" },
    };

    [Theory]
    [MemberData(nameof(Escapes))]
    public void Q2_PathsThatCouldLeaveTheBaseAreRefused(string path)
    {
        var combined = QueryPath.Combine(BaseUrl, path, "");
        Assert.Equal(ResultStatus.Invalid, combined.Status);
        Assert.Equal("path", combined.Field);
    }

    [Theory]
    [MemberData(nameof(Kept))]
    public void Q2_PathsUnderTheBaseAreKept(string path, string expected) =>
        Assert.Equal(expected, Assert.IsType<Uri>(QueryPath.Combine(BaseUrl, path, "").Value).AbsoluteUri);

    [Fact]
    public void Q2_TheQueryStringCannotChangeThePathOrAddAFragment()
    {
        Assert.Equal("https://api.example.test/api/v1/items?next=../../admin", QueryPath.Combine(BaseUrl, "items", "?next=../../admin").Value!.AbsoluteUri);
        Assert.Equal("query", QueryPath.Combine(BaseUrl, "items", "a=1#x").Field);
        Assert.Equal("query", QueryPath.Combine(BaseUrl, "items", "a=1\r\nHost: x").Field);
    }

    [Fact]
    public void Q2_ABaseUrlThatIsNotAnHttpAddressIsRefused() =>
        Assert.Equal("baseUrl", QueryPath.Combine("file:///etc/passwd", "x", "").Field);
}
