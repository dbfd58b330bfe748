// A 24-bit free-running counter clocked by clk, its top bit on an output: our
// rebuild of the "24 bit counter (28 LC's)" design of tinyvision-ai-inc/ice40_power
// (HFOSC, LFOSC, halted-clock and PLL rows). The clock source is not instantiated:
// the power model carries it as a separate term.
module counter24 (
    input  wire clk,
    output wire msb
);
    reg [23:0] count;
    always @(posedge clk)
        count <= count + 24'd1;
    assign msb = count[23];
endmodule
