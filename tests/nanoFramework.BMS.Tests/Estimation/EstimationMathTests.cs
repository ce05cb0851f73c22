using nanoFramework.BMS.Config;
using nanoFramework.BMS.Estimation;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Tests.Fakes;

namespace nanoFramework.BMS.Tests.Estimation;

/// <summary>The estimators' arithmetic: the OCV table both ways, the float helpers, the CRC and the stored blob.</summary>
public class EstimationMathTests
{
    [Theory]
    [InlineData(Chemistry.Nmc)]
    [InlineData(Chemistry.Lfp)]
    public void TheOcvTableInvertsItsOwnCurveEverywhere(Chemistry chemistry)
    {
        var ocv = new OcvTable(chemistry);
        for (int i = 0; i <= 10_000; i++)
        {
            float soc = i / 10_000f;
            float volts = ocv.Volts(soc);
            float slope = ocv.Slope;
            Assert.True(Math.Abs(ocv.Soc(volts) - soc) < 2e-4, $"{chemistry} {soc}: {ocv.Soc(volts)}");
            if (i % 100 != 0)
                Assert.Equal(slope, ocv.Slope, 2);
        }

        Assert.Equal(0f, ocv.Soc(ocv.Empty - 0.2f));
        Assert.Equal(1f, ocv.Soc(ocv.Full + 0.2f));
        Assert.Equal(0f, ocv.Soc(float.NaN));
    }

    [Fact]
    public void TheTablesAreThePublishedCurves()
    {
        var nmc = new OcvTable(Chemistry.Nmc);
        Assert.Equal(3.763f, nmc.Volts(0.5f), 4);
        Assert.Equal(3.114f, nmc.Empty, 4);
        Assert.Equal(4.188f, nmc.Full, 4);
        // 90 % to 100 %: 95 mV per 10 %.
        nmc.Volts(0.95f);
        Assert.Equal(0.95f, nmc.Slope, 3);

        var lfp = new OcvTable(Chemistry.Lfp);
        Assert.Equal(3.272f, lfp.Volts(0.53f), 4);
        Assert.Equal(3.32f, lfp.Volts(0.95f), 4);
        // The plateau: 48 mV from 53 % to 95 %, about 1.1 mV per %.
        lfp.Volts(0.7f);
        Assert.InRange(lfp.Slope, 0.11f, 0.12f);
        // Energy of a full NMC cell: about its mean OCV, 3.7 Wh per Ah.
        Assert.InRange(nmc.EnergyBelow(1f), 3.65f, 3.80f);
        Assert.Equal(0f, nmc.EnergyBelow(0f));
    }

    [Fact]
    public void ExpAndSqrtAreAccurateWithoutSystemMath()
    {
        // Near 0, where the estimators use it (a second over the RC time constant), to a few ulp;
        // further out the squarings add up to about 2e-5.
        for (float x = -1f; x <= 1f; x += 0.001f)
            Assert.True(Math.Abs(FloatMath.Exp(x) / Math.Exp(x) - 1) < 2e-6, $"exp({x})");
        for (float x = -20f; x <= 5f; x += 0.01f)
            Assert.True(Math.Abs(FloatMath.Exp(x) / Math.Exp(x) - 1) < 3e-5, $"exp({x})");
        for (float x = 1e-8f; x < 1e6f; x *= 1.37f)
            Assert.True(Math.Abs(FloatMath.Sqrt(x) / Math.Sqrt(x) - 1) < 2e-7, $"sqrt({x})");
        Assert.Equal(0f, FloatMath.Sqrt(-1f));
    }

    [Fact]
    public void TheNibbleCrcIsZlibsCrc32AndCanBeFedInPieces()
    {
        byte[] check = "123456789"u8.ToArray();
        Assert.Equal(0xCBF43926u, Crc32.Compute(check, 0, check.Length));

        var data = new byte[300];
        new Random(5).NextBytes(data);
        uint whole = Crc32.Compute(data, 0, data.Length);
        uint crc = Crc32.Initial;
        for (int i = 0; i < data.Length; i += 7)
            crc = Crc32.Update(crc, data, i, Math.Min(7, data.Length - i));
        Assert.Equal(whole, ~crc);
    }

    [Fact]
    public void TheStoredBlobRoundTripsAndASpreadSaveWritesTheSameBytes()
    {
        var storage = new FakeStorage();
        var store = new EstimateStore(storage);
        for (int i = 0; i < EstimateStore.ValueCount; i++)
            store.Values[i] = 0.25f * i - 0.5f;
        store.Values[EstimateStore.CapacityMeasurements] = 7;
        Assert.True(store.SaveNow());
        byte[] atOnce = storage.Blob(EstimateStore.BlobName);
        Assert.Equal(EstimateStore.Bytes, atOnce.Length);

        var spreadStorage = new FakeStorage();
        var spread = new EstimateStore(spreadStorage);
        Array.Copy(store.Values, spread.Values, EstimateStore.ValueCount);
        for (int step = 0; step < EstimateStore.SerialiseSteps; step++)
            spread.Serialise(step);
        int crcSteps = 1;
        while (!spread.ChecksumStep())
            crcSteps++;
        Assert.Equal((EstimateStore.Bytes - 4 + EstimateStore.CrcBytesPerStep - 1) / EstimateStore.CrcBytesPerStep, crcSteps);
        Assert.True(spread.Write());
        Assert.Equal(atOnce, spreadStorage.Blob(EstimateStore.BlobName));

        var loaded = new EstimateStore(storage);
        Assert.Null(loaded.Load());
        for (int i = 0; i < EstimateStore.ValueCount; i++)
            Assert.Equal(store.Values[i], loaded.Values[i], 5);
    }

    [Fact]
    public void ADamagedOrForeignBlobIsRefusedWithTheReason()
    {
        var storage = new FakeStorage();
        Assert.Equal("missing", new EstimateStore(storage).Load());
        var store = new EstimateStore(storage);
        store.Values[EstimateStore.SocPack] = 0.5f;
        store.SaveNow();
        storage.Corrupt(EstimateStore.BlobName, 10);
        Assert.Equal("CRC mismatch", new EstimateStore(storage).Load());
        storage.Write(EstimateStore.BlobName, new byte[EstimateStore.Bytes], EstimateStore.Bytes);
        Assert.StartsWith("not an estimates blob", new EstimateStore(storage).Load());
        storage.Write(EstimateStore.BlobName, new byte[3], 3);
        Assert.Equal("wrong length", new EstimateStore(storage).Load());
    }
}
