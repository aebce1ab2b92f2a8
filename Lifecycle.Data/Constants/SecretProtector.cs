using Microsoft.AspNetCore.DataProtection;

namespace Lifecycle.Data.Constants;

/// <summary>
/// SPEC E5: secrets (secret constants, data source tokens) are encrypted at rest with ASP.NET Core Data Protection.
/// Keys are persisted (see AddLifecycleData), so a restarted host still decrypts.
/// </summary>
public sealed class SecretProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Lifecycle.Secrets.v1");

    public string Protect(string plain) => _protector.Protect(plain);

    public string Unprotect(string cipher) => _protector.Unprotect(cipher);
}
