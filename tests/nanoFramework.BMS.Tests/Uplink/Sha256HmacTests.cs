using System.Security.Cryptography;
using nanoFramework.BMS.Uplink.Security;

namespace nanoFramework.BMS.Tests.Uplink;

/// <summary>The firmware's own SHA-256 and HMAC against the host's System.Security.Cryptography.</summary>
public class Sha256HmacTests
{
    // RFC 4231 section 4: key, data, HMAC-SHA-256 (test case 5 is truncated to 128 bits there).
    public static IEnumerable<object[]> Rfc4231() =>
    [
        [Hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), Hex("4869205468657265"), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"],
        [Hex("4a656665"), Hex("7768617420646f2079612077616e7420666f72206e6f7468696e673f"), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"],
        [Repeat(0xaa, 20), Repeat(0xdd, 50), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"],
        [Hex("0102030405060708090a0b0c0d0e0f10111213141516171819"), Repeat(0xcd, 50), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"],
        [Repeat(0x0c, 20), System.Text.Encoding.ASCII.GetBytes("Test With Truncation"), "a3b6167473100ee06e0c796c2955552b"],
        [Repeat(0xaa, 131), System.Text.Encoding.ASCII.GetBytes("Test Using Larger Than Block-Size Key - Hash Key First"), "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"],
        [Repeat(0xaa, 131), System.Text.Encoding.ASCII.GetBytes("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."), "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"],
    ];

    [Theory]
    [MemberData(nameof(Rfc4231))]
    public void HmacMatchesTheRfc4231Vectors(byte[] key, byte[] data, string expectedHex)
    {
        var mac = new byte[32];
        var hmac = new HmacSha256(key);
        hmac.Update(data, 0, data.Length);
        hmac.Final(mac, 0);
        Assert.Equal(expectedHex, Convert.ToHexStringLower(mac)[..expectedHex.Length]);
        Assert.Equal(HMACSHA256.HashData(key, data), mac);
    }

    [Fact]
    public void HashAndHmacMatchTheHostOnRandomInputs()
    {
        var random = new Random(4231);
        var sha = new Sha256();
        var digest = new byte[32];
        for (int round = 0; round < 400; round++)
        {
            // Lengths around every block boundary, then anything up to a few blocks.
            int length = round < 200 ? round : random.Next(0, 1000);
            var data = new byte[length];
            random.NextBytes(data);
            // Fed in random pieces, as a stream would arrive.
            int position = 0;
            while (position < length)
            {
                int piece = Math.Min(length - position, random.Next(1, 80));
                sha.Update(data, position, piece);
                position += piece;
            }

            sha.Final(digest, 0);
            Assert.Equal(SHA256.HashData(data), digest);

            var key = new byte[random.Next(0, 150)];
            random.NextBytes(key);
            var hmac = new HmacSha256(key);
            hmac.Update(data, 0, data.Length);
            hmac.Final(digest, 0);
            Assert.Equal(HMACSHA256.HashData(key, data), digest);

            // Reused for a second message with the same key.
            hmac.Update(key, 0, key.Length);
            hmac.Final(digest, 0);
            Assert.Equal(HMACSHA256.HashData(key, key), digest);
        }
    }

    [Fact]
    public void FixedTimeEqualsComparesEveryByte()
    {
        byte[] a = [1, 2, 3, 4];
        Assert.True(HmacSha256.FixedTimeEquals(a, 0, [1, 2, 3, 4], 0, 4));
        Assert.False(HmacSha256.FixedTimeEquals(a, 0, [1, 2, 3, 5], 0, 4));
        Assert.False(HmacSha256.FixedTimeEquals(a, 0, [0, 2, 3, 4], 0, 4));
    }

    private static byte[] Hex(string hex) => Convert.FromHexString(hex);

    private static byte[] Repeat(byte value, int count) => Enumerable.Repeat(value, count).ToArray();
}
