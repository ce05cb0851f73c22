using nanoFramework.BMS.Config;
using nanoFramework.BMS.Estimation;
using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Tests.Estimation;

/// <summary>The estimation tunables in the configuration record: stored, validated, and read from older records.</summary>
public class EstimationConfigTests
{
    [Fact]
    public void TheTunablesRoundTripThroughTheRecord()
    {
        var profile = ProfilePresets.Lfp(8, 2, 100f, 10);
        var e = profile.Estimation;
        e.RelaxationSeconds = 2400;
        e.RestAmps = 1.5f;
        e.VoltageNoiseMillivolts = 7.5f;
        e.SocDriftPercentPerHour = 0.5f;
        e.RcNoiseMillivolts = 0.25f;
        e.TrustSlopeMillivoltsPerPercent = 8f;
        e.R0Milliohms = 0.4f;
        e.R1Milliohms = 0.3f;
        e.TauSeconds = 90;
        e.OffsetLimitAmps = 2f;
        e.StepAmps = 20f;
        e.CapacitySpanPercent = 70f;
        e.SavePeriodSeconds = 1800;
        e.TaperFullPercent = 95f;
        e.TaperEmptyPercent = 5f;
        e.LimitFloorPercent = 0f;
        e.R2Milliohms = 0.2f;
        e.Tau2Seconds = 900;
        e.RcErrorPercent = 25f;
        var buffer = new byte[ConfigCodec.MaxRecordBytes];
        int length = ConfigCodec.Encode(new ConfigRecord { Profile = profile }, buffer);

        var decoded = ConfigCodec.Decode(buffer, length, out string? problem);

        Assert.Null(problem);
        var d = decoded!.Profile.Estimation;
        for (int field = 0; field < EstimationKeys.Names.Length; field++)
            Assert.Equal(EstimationKeys.Value(e, field), EstimationKeys.Value(d, field), 3);
    }

    [Fact]
    public void ARecordFromBeforeTheTunablesLoadsWithTheirDefaults()
    {
        var profile = ProfilePresets.Lfp(8, 2, 50f, 10);
        profile.Estimation.RelaxationSeconds = 3000;
        var buffer = new byte[ConfigCodec.MaxRecordBytes];
        int length = ConfigCodec.Encode(new ConfigRecord { Profile = profile, Sequence = 3 }, buffer);

        // The same record as format 1 wrote it: no estimation section at the end of the payload.
        int oldLength = AsOlderFormat(buffer, length, 1, EstimationKeys.Names.Length * 4);

        var decoded = ConfigCodec.Decode(buffer, oldLength, out string? problem);

        Assert.Null(problem);
        Assert.Equal(3, decoded!.Sequence);
        var defaults = EstimationParameters.Defaults(Chemistry.Lfp, 50f);
        for (int field = 0; field < EstimationKeys.Names.Length; field++)
            Assert.Equal(EstimationKeys.Value(defaults, field), EstimationKeys.Value(decoded.Profile.Estimation, field), 4);
    }

    [Fact]
    public void ARecordFromBeforeTheSlowBranchKeepsItsTunablesAndDefaultsTheNewOnes()
    {
        var profile = ProfilePresets.Nmc(8, 2, 50f, 10);
        profile.Estimation.RelaxationSeconds = 3000;
        profile.Estimation.LimitFloorPercent = 7f;
        profile.Estimation.R2Milliohms = 0.9f;
        var buffer = new byte[ConfigCodec.MaxRecordBytes];
        int length = ConfigCodec.Encode(new ConfigRecord { Profile = profile, Sequence = 4 }, buffer);

        // Format 2 ended after the limit floor: without r2_mohm, tau2_s and rc_error_pct.
        int oldLength = AsOlderFormat(buffer, length, 2, 3 * 4);

        var decoded = ConfigCodec.Decode(buffer, oldLength, out string? problem);

        Assert.Null(problem);
        var e = decoded!.Profile.Estimation;
        Assert.Equal(3000, e.RelaxationSeconds);
        Assert.Equal(7f, e.LimitFloorPercent, 3);
        var defaults = EstimationParameters.Defaults(Chemistry.Nmc, 50f);
        Assert.Equal(defaults.R2Milliohms, e.R2Milliohms, 4);
        Assert.Equal(defaults.Tau2Seconds, e.Tau2Seconds);
        Assert.Equal(defaults.RcErrorPercent, e.RcErrorPercent, 4);
    }

    /// <summary>Rewrites an encoded record as an older format that lacked the payload's last bytes; returns its length.</summary>
    private static int AsOlderFormat(byte[] buffer, int length, int version, int missingBytes)
    {
        int oldLength = length - missingBytes;
        buffer[4] = (byte)version;
        buffer[5] = 0;
        int payload = (buffer[10] | (buffer[11] << 8)) - missingBytes;
        buffer[10] = (byte)payload;
        buffer[11] = (byte)(payload >> 8);
        int crc = (int)Crc32.Compute(buffer, 0, oldLength - 4);
        for (int i = 0; i < 4; i++)
            buffer[oldLength - 4 + i] = (byte)(crc >> (8 * i));
        return oldLength;
    }

    [Fact]
    public void EveryViolationOfTheTunablesIsListed()
    {
        var profile = ProfilePresets.Nmc(4, 2, 3f, 10);
        var e = profile.Estimation;
        e.RelaxationSeconds = 10;
        e.RestAmps = 2f;
        e.TauSeconds = 0;
        e.SavePeriodSeconds = 5;
        e.TaperEmptyPercent = 0f;
        e.R2Milliohms = -1f;
        e.Tau2Seconds = 0;
        e.RcErrorPercent = 150f;

        string? problems = profile.Validate();

        Assert.NotNull(problems);
        Assert.Contains("relaxation time must be 60 to 14400 s", problems);
        Assert.Contains("rest current must be above 0 and at most 0.2 C", problems);
        Assert.Contains("RC time constant must be 1 to 3600 s", problems);
        Assert.Contains("save period must be 60 to 86400 s", problems);
        Assert.Contains("discharge taper must start at 0.1 to 50 %", problems);
        Assert.Contains("R2 must be 0 to 1000 mOhm", problems);
        Assert.Contains("slow RC time constant must be 1 to 14400 s", problems);
        Assert.Contains("RC error must be 0 to 100 %", problems);
    }

    [Theory]
    [InlineData(Chemistry.Nmc)]
    [InlineData(Chemistry.Lfp)]
    public void ThePresetsDefaultsAreValid(Chemistry chemistry)
    {
        foreach (float capacity in new[] { 0.5f, 3f, 100f, 300f })
            Assert.Equal("", ProfilePresets.For(chemistry, 16, 8, capacity, 100).Estimation.Check(capacity));
    }
}
