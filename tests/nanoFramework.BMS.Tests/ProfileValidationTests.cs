using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Tests.Fakes;

namespace nanoFramework.BMS.Tests;

public class ProfileValidationTests
{
    [Fact]
    public void PresetsAreValid()
    {
        foreach (var chemistry in new[] { Chemistry.Nmc, Chemistry.Lfp })
        {
            Assert.Null(ProfilePresets.For(chemistry, 1, 1, 3f, 10).Validate());
            Assert.Null(ProfilePresets.For(chemistry, 16, 8, 100f, 100).Validate());
        }
    }

    [Fact]
    public void AnInvalidProfileListsEveryViolationInOneMessage()
    {
        var profile = ProfilePresets.Nmc(17, 0, 0f, 200);
        profile.Limits[0] = new LimitRule(FaultId.CellOverVoltage, Quantity.MaxCellMillivolts, 4250f, 4250f, 50);
        profile.Limits[1] = new LimitRule(FaultId.CellOverVoltage, Quantity.MinCellMillivolts, 2500f, 2800f, 20000);

        string message = profile.Validate()!;

        Assert.StartsWith("invalid pack profile: ", message);
        Assert.Contains("cells in series must be 1 to 16, got 17", message);
        Assert.Contains("thermistors must be 1 to 8, got 0", message);
        Assert.Contains("sample rate must be 10 to 100 Hz, got 200", message);
        Assert.Contains("capacity must be above 0 Ah", message);
        Assert.Contains("cell_over_voltage: clear value must differ from trip value", message);
        Assert.Contains("debounce must be 0 to 10000 ms, got 20000", message);
        Assert.Contains("cell_over_voltage appears twice", message);
    }

    [Fact]
    public void TheFirmwareRefusesToStartOnAnInvalidProfile()
    {
        var profile = ProfilePresets.Nmc(4, 2, 3f, 5);
        var e = Assert.Throws<ArgumentException>(() => new FakeBoard(profile));
        Assert.Contains("sample rate must be 10 to 100 Hz, got 5", e.Message);
    }
}
