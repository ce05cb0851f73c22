namespace nanoFramework.BMS.Ports
{
    /// <summary>Monotonic time. Never a wall clock: SNTP can move wall time backwards mid-debounce.</summary>
    public interface IClock
    {
        long NowMs { get; }
    }
}
