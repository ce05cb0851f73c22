namespace nanoFramework.BMS.Contactor
{
    public enum ContactorState
    {
        Open = 0,
        Closed = 1,
    }
}
