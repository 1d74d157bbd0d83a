#pragma once

namespace gdbm::ui {

// A spin box (QSpinBox or QDoubleSpinBox) that tells whether its value is changing by a step
// (arrows, Page Up/Down, the mouse wheel) rather than by typing, so that a run of steps can
// become one undo step.
template <class Base>
class SteppingSpinBox : public Base
{
public:
    using Base::Base;
    bool isStepping() const { return m_stepping; }
    void stepBy(int steps) override
    {
        m_stepping = true;
        Base::stepBy(steps);
        m_stepping = false;
    }

private:
    bool m_stepping = false;
};

} // namespace gdbm::ui
