using System.Net;
using System.Text;
using System.Text.Json;
using Lifecycle.Data.Queries;

namespace Lifecycle.Tests.Domain;

/// <summary>SPEC E5: the second wall masks a secret in every form an echoing API might give it back.</summary>
public sealed class SecretMaskTests
{
    private const string Secret = "p@ss+w/rd <&>\"'"; // a space, so URL and form encodings differ

    public static TheoryData<string> EchoedForms()
    {
        var bytes = Encoding.UTF8.GetBytes(Secret);
        return
        [
            Secret,
            JsonSerializer.Serialize(Secret),                                  // JSON, default (\u002B, \u003C, ...)
            JsonSerializer.Serialize(Secret).ToLowerInvariant(),               // JSON escapes in lowercase hex
            JsonSerializer.Serialize(Secret, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }),
            Uri.EscapeDataString(Secret),                                      // %2B%2F
            Uri.EscapeDataString(Secret).ToLowerInvariant(),                   // %2b%2f
            WebUtility.UrlEncode(Secret),                                      // + for space, form encoding
            WebUtility.HtmlEncode(Secret),                                     // &lt;&amp;&gt;&quot;&#39;
            Convert.ToBase64String(bytes),
            Convert.ToBase64String(Encoding.UTF8.GetBytes("user:" + Secret)),  // basic-auth style, other alignment
            Convert.ToBase64String(Encoding.UTF8.GetBytes("Bearer " + Secret)),
            Convert.ToBase64String(Encoding.UTF8.GetBytes("ab" + Secret)).Replace('+', '-').Replace('/', '_'), // base64url
            "prefix " + Secret.ToUpperInvariant() + " suffix",
        ];
    }

    [Theory]
    [MemberData(nameof(EchoedForms))]
    public void E5_EveryEchoedFormOfASecretIsMasked(string echoed)
    {
        var masked = SecretMask.For([Secret]).Apply(echoed);

        Assert.Contains(SecretMask.Mask, masked);
        Assert.DoesNotContain("p@ss", masked, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Uri.EscapeDataString("p@ss"), masked, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void E5_ParsedAnswersAreMaskedInValuesAndNamesEvenWhenEveryCharacterIsEscaped()
    {
        var escaped = string.Concat(Secret.Select(c => $"\\u{(int)c:x4}")); // only the JSON parser sees the secret
        var data = SecretMask.For([Secret]).ParseMasked($$"""{"echo":"{{escaped}}","{{escaped}}":1,"list":["x{{escaped}}y"]}""");

        var shown = data!.ToJsonString();
        Assert.Equal(SecretMask.Mask, data["echo"]!.GetValue<string>());
        Assert.Equal($"x{SecretMask.Mask}y", data["list"]![0]!.GetValue<string>());
        Assert.True(data.AsObject().ContainsKey(SecretMask.Mask));
        Assert.DoesNotContain("p@ss", shown);
    }

    [Fact]
    public void E5_PropertyNamesThatMaskAlikeAreAllKept()
    {
        var data = SecretMask.For(["alpha-secret", "beta-secret"]).ParseMasked("""{"alpha-secret":1,"beta-secret":2}""");

        Assert.Equal("""{"••••":1,"•••• (2)":2}""", data!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public void E5_ASecretThatAnApiAnswersAsANumberIsMasked()
    {
        var data = SecretMask.For(["424242"]).ParseMasked("""{"pin":424242,"other":7}""");

        Assert.Equal(SecretMask.Mask, data!["pin"]!.GetValue<string>());
        Assert.Equal(7, data["other"]!.GetValue<int>());
    }

    [Fact]
    public void E5_TextThatHoldsNoSecretIsUnchangedAndErrorsAreMaskedToo()
    {
        var mask = SecretMask.For(["tok-1", null, ""]);
        Assert.Equal("""{"a":[1,2,"three"]}""", mask.ParseMasked("""{"a":[1,2,"three"]}""")!.ToJsonString());
        Assert.Equal("Refused to call ••••.test", mask.Apply(new QueryOutcome(null, "Refused to call tok-1.test")).Error);
        Assert.Same(SecretMask.None, SecretMask.For([null, ""]));
    }
}
