using System.Text;

namespace nanoFramework.BMS.Tests;

/// <summary>
/// The writer's fast paths (a whole number or text per room check) must write exactly what the
/// character-by-character path writes, at every value and at every distance from the end.
/// </summary>
public class AsciiWriterTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(-7)]
    [InlineData(10)]
    [InlineData(3650)]
    [InlineData(-1999)]
    [InlineData(9999)]
    [InlineData(10000)]
    [InlineData(59_123)]
    [InlineData(999_999_999)]
    [InlineData(1_000_000_000)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void AnIntReadsAsItsDecimalText(int value)
    {
        var writer = new AsciiWriter(32);
        writer.Append(value);
        Assert.Equal(value.ToString(System.Globalization.CultureInfo.InvariantCulture), Text(writer));
    }

    [Fact]
    public void EveryDigitCountFromZeroToTenIsRight()
    {
        for (long value = 1; value <= int.MaxValue; value *= 10)
        {
            foreach (long v in new[] { value - 1, value, -value })
            {
                var writer = new AsciiWriter(32);
                writer.Append((int)v);
                Assert.Equal(v.ToString(System.Globalization.CultureInfo.InvariantCulture), Text(writer));
            }
        }
    }

    [Theory]
    [InlineData(-2_147_483_648)]
    [InlineData(-12345)]
    [InlineData(3650)]
    public void NearTheEndAnIntIsCutAndFlaggedLikeCharacters(int value)
    {
        string text = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (int room = 0; room <= 12; room++)
        {
            var writer = new AsciiWriter(room);
            writer.Append(value);
            Assert.Equal(text[..Math.Min(room, text.Length)], Text(writer));
            Assert.Equal(text.Length > room, writer.Overflowed);
        }
    }

    [Fact]
    public void NearTheEndTextIsCutAndFlaggedLikeCharacters()
    {
        for (int room = 0; room <= 8; room++)
        {
            var writer = new AsciiWriter(room);
            writer.Append("x");
            writer.Append("status");
            Assert.Equal("xstatus"[..Math.Min(room, 7)], Text(writer));
            Assert.Equal(room < 7, writer.Overflowed);
        }
    }

    private static string Text(AsciiWriter writer) => Encoding.ASCII.GetString(writer.Buffer, 0, writer.Length);
}
