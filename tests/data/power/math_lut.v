// "Math" row of tinyvision-ai-inc/ice40_power, our rebuild: a 24-bit counter plus
// two 8-bit counters (steps 3 and 5) multiplied to a 16-bit product every cycle,
// mapped to LUTs and carries (synth_ice40 without -dsp).
// The product is registered here; everything is observed like the original
// observes it, through one output: the counter's top bit OR the AND-reductions
// of both 8-bit counters and of the product.
module math_lut (
    input  wire clk,
    output wire out
);
    reg [23:0] count;
    reg [7:0]  a, b;
    reg [15:0] product;
    always @(posedge clk) begin
        count   <= count + 24'd1;
        a       <= a + 8'd3;
        b       <= b + 8'd5;
        product <= a * b;
    end
    assign out = count[23] | (&a) | (&b) | (&product);
endmodule
