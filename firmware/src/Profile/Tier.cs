namespace nanoFramework.BMS.Profile
{
    /// <summary>
    /// foxBMS 2's three tiers. Operating: warn and derate the published current limits.
    /// Recommended: alarm, request zero current. Maximum: open the contactor and latch the fault.
    /// </summary>
    public enum Tier
    {
        Operating = 0,
        Recommended = 1,
        Maximum = 2,
    }
}
