namespace nanoFramework.BMS.Profile
{
    public enum Chemistry
    {
        Nmc = 0,
        Lfp = 1,
    }
}
