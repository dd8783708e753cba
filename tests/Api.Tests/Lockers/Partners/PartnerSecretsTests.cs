using System.Security.Cryptography;
using Cabinets.Api.Lockers.Partners;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Cabinets.Api.Tests.Lockers.Partners;

/// <summary>The credential protection of ADR-0023 with a configured server key (no database is reached).</summary>
public sealed class PartnerSecretsTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly NpgsqlDataSource Unused = NpgsqlDataSource.Create("Host=unused.invalid");

    private static PartnerSecrets Secrets(byte[]? key = null) => new(Unused, key ?? Key);

    [Fact]
    public async Task a_sealed_secret_opens_only_for_its_partner_under_its_key()
    {
        var sealedSecret = await Secrets().SealAsync("ptnA", "s3cret", CancellationToken.None);
        sealedSecret.ShouldStartWith("ps1:");
        sealedSecret.ShouldNotContain("s3cret");
        (await Secrets().OpenAsync("ptnA", sealedSecret, CancellationToken.None)).ShouldBe("s3cret");
        await Should.ThrowAsync<CryptographicException>(() => Secrets().OpenAsync("ptnB", sealedSecret, CancellationToken.None));
        await Should.ThrowAsync<CryptographicException>(() => Secrets(RandomNumberGenerator.GetBytes(32)).OpenAsync("ptnA", sealedSecret, CancellationToken.None));
    }

    [Fact]
    public async Task a_tampered_sealed_secret_does_not_open()
    {
        var sealedSecret = await Secrets().SealAsync("ptnA", "s3cret", CancellationToken.None);
        var bytes = Convert.FromBase64String(sealedSecret["ps1:".Length..]);
        bytes[14] ^= 1;
        await Should.ThrowAsync<CryptographicException>(() => Secrets().OpenAsync("ptnA", "ps1:" + Convert.ToBase64String(bytes), CancellationToken.None));
    }

    [Fact]
    public async Task sealing_twice_gives_two_ciphertexts_and_the_code_hash_is_stable_and_keyed()
    {
        (await Secrets().SealAsync("ptnA", "s3cret", CancellationToken.None)).ShouldNotBe(await Secrets().SealAsync("ptnA", "s3cret", CancellationToken.None));
        var hash = await Secrets().HashCodeAsync("code-1", CancellationToken.None);
        hash.ShouldMatch("^[0-9a-f]{64}$");
        (await Secrets().HashCodeAsync("code-1", CancellationToken.None)).ShouldBe(hash);
        (await Secrets(RandomNumberGenerator.GetBytes(32)).HashCodeAsync("code-1", CancellationToken.None)).ShouldNotBe(hash);
        hash.ShouldNotBe(Convert.ToHexStringLower(SHA256.HashData("code-1"u8)));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void a_malformed_configured_key_stops_the_start(string value)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Partners:SecretKey"] = value }).Build();
        Should.Throw<InvalidOperationException>(() => PartnerSecrets.ConfiguredKey(config));
    }

    [Fact]
    public void a_configured_key_is_read_and_an_absent_one_is_null()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Partners:SecretKey"] = Convert.ToBase64String(Key) }).Build();
        PartnerSecrets.ConfiguredKey(config).ShouldBe(Key);
        PartnerSecrets.ConfiguredKey(new ConfigurationBuilder().Build()).ShouldBeNull();
    }
}
