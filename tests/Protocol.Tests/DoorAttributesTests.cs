using Cabinets.Protocol.Requests;
using FsCheck;
using FsCheck.Fluent;

namespace Cabinets.Protocol.Tests;

/// <summary>IBS-PROTOCOL.md §6: the attribute byte, MSB first, exactly one size bit, reserved bits zero.</summary>
public sealed class DoorAttributesTests
{
    [Theory]
    [InlineData(72, DoorSize.Large, true, false)]
    [InlineData(64, DoorSize.Large, false, false)]
    [InlineData(32, DoorSize.Medium, false, false)]
    [InlineData(16, DoorSize.Small, false, false)]
    [InlineData(24, DoorSize.Small, true, false)]
    [InlineData(160, DoorSize.Medium, false, true)]
    [InlineData(152, DoorSize.Small, true, true)]
    public void a_valid_byte_reads_as_its_size_and_properties(int value, DoorSize size, bool insulated, bool vertical)
    {
        DoorAttributes.TryParse(value, out var attributes).ShouldBeTrue();
        attributes.ShouldBe(new DoorAttributes(size, insulated, vertical));
        attributes.ToByte().ShouldBe((byte)value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(128)]
    [InlineData(96)]
    [InlineData(112)]
    [InlineData(48)]
    [InlineData(73)]
    [InlineData(68)]
    [InlineData(66)]
    [InlineData(256)]
    [InlineData(-64)]
    public void a_byte_without_exactly_one_size_bit_or_with_a_reserved_bit_is_invalid(int value) =>
        DoorAttributes.TryParse(value, out _).ShouldBeFalse();

    [Fact]
    public void exactly_the_bytes_with_one_size_bit_and_no_reserved_bit_are_valid_and_round_trip() =>
        Prop.ForAll<byte>(value =>
        {
            var sizeBits = System.Numerics.BitOperations.PopCount((uint)value & 0b0111_0000u);
            var expected = sizeBits == 1 && (value & 0b111) == 0;
            var parsed = DoorAttributes.TryParse(value, out var attributes);
            return parsed == expected && (!parsed || attributes.ToByte() == value);
        }).QuickCheckThrowOnFailure();
}
