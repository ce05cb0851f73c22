using System.Text.RegularExpressions;
using nanoFramework.BMS.Config;
using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Tests;

public class ConfigurationDocTests
{
    [Fact]
    public void EveryConfigKeyIsDocumented()
    {
        string doc = File.ReadAllText(Path.Combine(SafetyScenarioTests.RepoRoot(), "docs", "configuration.md"));
        var faults = Enum.GetValues<FaultId>().Select(FaultNames.Name).ToArray();
        foreach (var chemistry in new[] { Chemistry.Nmc, Chemistry.Lfp })
        {
            var keys = new ConfigKeys(ProfilePresets.For(chemistry, 16, 8, 3f, 100));
            for (int key = 0; key < keys.Count; key++)
            {
                string name = keys.Name(key);
                string pattern = Regex.Replace(name, @"\.cell\.\d+\.", ".cell.N.");
                foreach (string fault in faults)
                    pattern = pattern.Replace("limit." + fault + ".", "limit.<fault>.");
                pattern = Regex.Replace(pattern, @"limit\.<fault>\.(operating|recommended|maximum)\.debounce_ms", "limit.<fault>.<tier>.debounce_ms");
                Assert.True(doc.Contains("`" + pattern + "`"), $"{name} (as {pattern}) is not in docs/configuration.md");
            }
        }
    }
}
